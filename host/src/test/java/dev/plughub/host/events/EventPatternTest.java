package dev.plughub.host.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "plugin.billing.paid,     plugin.billing.paid,      true",
            "plugin.billing.paid,     plugin.billing.refunded,  false",
            "plugin.billing.*,        plugin.billing.paid,      true",
            "plugin.billing.*,        plugin.billing,           false",
            "plugin.billing.*,        plugin.billing.job.done,  false",
            "plugin.*.paid,           plugin.shop.paid,         true",
            "plugin.#,                plugin.billing.job.done,  true",
            "plugin.#,                plugin,                   true",
            "plugin.**,               plugin.a.b.c,             true",
            "#,                       anything.at.all,          true",
            "#.failed,                plugin.x.job.failed,      true",
            "#.failed,                plugin.x.job.failed.not,  false",
            "plugin.#.done,           plugin.done,              true",
            "plugin.#.done,           plugin.a.b.done,          true",
            "plugin.#.done,           plugin.a.b.undone,        false",
            "plugin.sample_sync.*,    plugin.sample-sync.x,     false",
    })
    void matches_segments_with_star_for_one_and_hash_for_any_number(String pattern, String name, boolean matches) {
        assertThat(EventPattern.parse(pattern).matches(name)).isEqualTo(matches);
    }

    @Test
    void agrees_with_a_regular_expression_oracle_on_random_patterns_and_names() {
        Random random = new Random(99);
        String[] words = {"plugin", "billing", "paid", "a", "b"};
        for (int round = 0; round < 5_000; round++) {
            List<String> pattern = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                int pick = random.nextInt(words.length + 2);
                pattern.add(pick == words.length ? "*" : pick == words.length + 1 ? "#" : words[pick]);
            }
            List<String> name = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                name.add(words[random.nextInt(words.length)]);
            }
            String patternText = String.join(".", pattern);
            String nameText = String.join(".", name);

            assertThat(EventPattern.parse(patternText).matches(nameText))
                    .as("%s ~ %s", patternText, nameText)
                    .isEqualTo(oracle(pattern).matcher("." + nameText).matches());
        }
    }

    /** Each segment of the name preceded by a dot: a literal is itself, * one segment, # any run of them. */
    static Pattern oracle(List<String> pattern) {
        StringBuilder regex = new StringBuilder();
        for (String segment : pattern) {
            regex.append(switch (segment) {
                case "*" -> "\\.[^.]+";
                case "#" -> "(?:\\.[^.]+)*";
                default -> "\\." + Pattern.quote(segment);
            });
        }
        return Pattern.compile(regex.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plugin..x", "plugin.bill ing", "plugin.a*", ".plugin", "plugin."})
    void refuses_a_pattern_that_breaks_the_syntax(String pattern) {
        assertThatThrownBy(() -> EventPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment");
    }
}
