package dev.plughub.host.admin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.testing.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The isolated contract check really checks: an answer that breaks the description fails. */
class OpenApiCheckTest {

    @Test
    void rejects_a_seed_004_list_without_its_plugins() {
        ApiResponse wrong = new ApiResponse(200, Map.of("Content-Type", List.of("application/json")),
                "{\"success\": true}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> OpenApiCheck.check("GET", "/system/plugins", null, new byte[0], wrong))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("plugins");
    }
}
