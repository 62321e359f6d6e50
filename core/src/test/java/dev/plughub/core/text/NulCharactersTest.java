package dev.plughub.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NulCharactersTest {

    @Test
    void names_the_path_of_the_first_value_or_key_holding_a_nul() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", "fine");
        tree.put("events", Map.of("emits", List.of("a", "b", "c\0")));
        assertThat(NulCharacters.firstIn(tree)).contains("events.emits[2]");

        assertThat(NulCharacters.firstIn(Map.of("a\0b", 1))).contains("a\\u0000b");
        assertThat(NulCharacters.firstIn("\0")).contains("");
        assertThat(NulCharacters.firstIn(Map.of("n", 1, "b", true, "z", List.of()))).isEmpty();
    }

    @Property
    void finds_a_nul_exactly_when_one_is_there(@ForAll List<@StringLength(max = 4) @Chars({'a', 'é', '\0'}) String> texts) {
        List<Object> tree = new ArrayList<>();
        texts.forEach(text -> tree.add(Map.of("v", text)));
        boolean any = texts.stream().anyMatch(text -> text.indexOf('\0') >= 0);
        assertThat(NulCharacters.firstIn(tree).isPresent()).isEqualTo(any);
    }
}
