package dev.plughub.registry.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void a_family_is_described_once_and_its_samples_follow() {
        String text = new PrometheusText()
                .sample("requests_total", "counter", "Requests", Map.of("code", "2xx"), 5)
                .sample("requests_total", "counter", "Requests", Map.of("code", "5xx"), 0)
                .gauge("temperature", "Heat", 21.5)
                .gauge("nothing", "Not a number", Double.NaN)
                .toString();
        assertThat(text).isEqualTo("""
                # HELP requests_total Requests
                # TYPE requests_total counter
                requests_total{code="2xx"} 5
                requests_total{code="5xx"} 0
                # HELP temperature Heat
                # TYPE temperature gauge
                temperature 21.5
                # HELP nothing Not a number
                # TYPE nothing gauge
                nothing NaN
                """);
    }

    @Test
    void samples_added_in_turn_are_written_grouped_by_family_and_labels_in_the_order_given() {
        String text = new PrometheusText()
                .sample("a", "gauge", "A", PrometheusText.labels("pool", "w", "state", "idle"), 1)
                .sample("b", "gauge", "B", PrometheusText.labels("pool", "w"), 2)
                .sample("a", "gauge", "A", PrometheusText.labels("pool", "r", "state", "idle"), 3)
                .toString();
        assertThat(text).isEqualTo("""
                # HELP a A
                # TYPE a gauge
                a{pool="w",state="idle"} 1
                a{pool="r",state="idle"} 3
                # HELP b B
                # TYPE b gauge
                b{pool="w"} 2
                """);
    }

    @Test
    void quotes_backslashes_and_newlines_are_escaped() {
        assertThat(new PrometheusText().sample("m", "gauge", "h", Map.of("l", "a\"b\\c\nd"), 1).toString())
                .endsWith("m{l=\"a\\\"b\\\\c\\nd\"} 1\n");
    }

    @Property
    void any_label_value_stays_inside_its_quotes_on_one_line(@ForAll String value) {
        String line = new PrometheusText().sample("m", "gauge", "h", Map.of("l", value), 1).toString().split("\n")[2];
        assertThat(line).startsWith("m{l=\"").endsWith("\"} 1");
        String inside = line.substring(5, line.length() - 4);
        assertThat(unescape(inside)).as("read back as Prometheus reads it").isEqualTo(value);
    }

    /** The format's reading of a label value; a bare quote or a lone trailing backslash is a failure. */
    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            assertThat(c).as("a bare quote ends the value early").isNotEqualTo('"');
            if (c != '\\') {
                out.append(c);
                continue;
            }
            assertThat(i + 1).as("a lone trailing backslash").isLessThan(quoted.length());
            char next = quoted.charAt(++i);
            out.append(next == 'n' ? '\n' : next);
        }
        return out.toString();
    }
}
