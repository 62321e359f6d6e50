package dev.plughub.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String problemWith(String document) {
        try {
            JSON.readTree(document);
        } catch (JacksonException e) {
            return JsonProblems.describe(e);
        }
        throw new AssertionError("parsed: " + document);
    }

    @Test
    void leaves_out_what_only_a_programmer_could_act_on() {
        String nan = problemWith("{\"a\": NaN}");
        String deep = problemWith("[".repeat(1_500) + "]".repeat(1_500));
        String broken = problemWith("{\"a\": tru}");

        assertThat(nan).contains("NaN").doesNotContain("`", "enable", "Feature");
        assertThat(deep).contains("nesting depth", "1000").doesNotContain("`", "StreamReadConstraints");
        assertThat(broken).contains("tru").doesNotContain("`", "\n", "Source");
    }
}
