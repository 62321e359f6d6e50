package dev.plughub.plugin.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructsTest {

    @Test
    void a_json_object_survives_the_round_trip_with_every_type() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", "héllo");
        json.put("whole", 42L);
        json.put("negative", -7L);
        json.put("fraction", 0.25);
        json.put("yes", true);
        json.put("nothing", null);
        json.put("list", Arrays.asList(1L, "two", null, List.of()));
        json.put("object", Map.of("nested", Map.of("deep", false)));

        assertThat(Structs.toMap(Structs.toStruct(json))).isEqualTo(json);
    }

    @Test
    void whole_numbers_come_back_as_longs_and_others_as_doubles() {
        Map<String, Object> back = Structs.toMap(Structs.toStruct(Map.of("count", 1, "big", 9_007_199_254_740_992L,
                "decimal", new BigDecimal("1.5"), "huge", 1e300)));

        assertThat(back).containsEntry("count", 1L).containsEntry("big", 9_007_199_254_740_992L)
                .containsEntry("decimal", 1.5).containsEntry("huge", 1e300);
    }

    @Test
    void refuses_values_json_cannot_hold() {
        assertThatThrownBy(() -> Structs.toStruct(Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a JSON value");
        assertThatThrownBy(() -> Structs.toStruct(Map.of("nan", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be written as JSON");
    }
}
