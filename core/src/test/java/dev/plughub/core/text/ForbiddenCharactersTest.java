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

class ForbiddenCharactersTest {

    @Test
    void names_the_path_of_the_first_value_or_key_holding_a_nul() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", "fine");
        tree.put("events", Map.of("emits", List.of("a", "b", "c\0")));
        assertThat(ForbiddenCharacters.firstIn(tree)).contains("events.emits[2]");

        assertThat(ForbiddenCharacters.firstIn(Map.of("a\0b", 1))).contains("a\\u0000b");
        assertThat(ForbiddenCharacters.firstIn("\0")).contains("");
        assertThat(ForbiddenCharacters.firstIn(Map.of("n", 1, "b", true, "z", List.of()))).isEmpty();
    }

    @Test
    void an_unpaired_surrogate_is_forbidden_and_a_pair_is_not() {
        assertThat(ForbiddenCharacters.in("smile \uD83D\uDE00")).isFalse();
        assertThat(ForbiddenCharacters.in("\uD83D")).isTrue();
        assertThat(ForbiddenCharacters.in("\uDE00\uD83D")).as("a pair the wrong way round").isTrue();
        assertThat(ForbiddenCharacters.in("a\uD83Db")).isTrue();
        assertThat(ForbiddenCharacters.in("é, 中文, العربية")).isFalse();
        assertThat(ForbiddenCharacters.shown("k\uD800\0\uD83D\uDE00")).isEqualTo("k\\ud800\\u0000\uD83D\uDE00");
        assertThat(ForbiddenCharacters.firstIn(Map.of("list", List.of("fine", "bad \uDC00")))).contains("list[1]");
    }

    @Property
    void a_string_is_refused_exactly_when_java_cannot_encode_it_as_utf8_or_it_holds_a_nul(
            @ForAll @StringLength(max = 6) @Chars({'a', '\0', '\uD83D', '\uDE00', '\uDC00'}) String text) {
        boolean encodable = java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(text);
        assertThat(ForbiddenCharacters.in(text)).isEqualTo(!encodable || text.indexOf('\0') >= 0);
    }

    @Property
    void finds_a_nul_exactly_when_one_is_there(@ForAll List<@StringLength(max = 4) @Chars({'a', 'é', '\0'}) String> texts) {
        List<Object> tree = new ArrayList<>();
        texts.forEach(text -> tree.add(Map.of("v", text)));
        boolean any = texts.stream().anyMatch(text -> text.indexOf('\0') >= 0);
        assertThat(ForbiddenCharacters.firstIn(tree).isPresent()).isEqualTo(any);
    }
}
