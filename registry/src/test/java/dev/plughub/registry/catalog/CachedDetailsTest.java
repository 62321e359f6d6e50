package dev.plughub.registry.catalog;

import static dev.plughub.registry.catalog.Publishing.OPERATOR;
import static dev.plughub.registry.catalog.Publishing.published;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import org.junit.jupiter.api.Test;

/**
 * A plugin's detail is answered from memory once it has been read (CachedDetails, in front of
 * Javalin). A reader cannot tell: the answer is the route's, byte for byte and header for header,
 * and every write shows at once. (That the rules before the routes still see each read is proven
 * beside each rule: RateLimitApiTest, CorsOriginsTest, BannedAndAuditedTest.)
 */
class CachedDetailsTest extends RunningRegistry {

    @Test
    void a_repeated_read_gets_the_first_reads_answer_byte_for_byte() {
        published(api, TestPackages.plugin("twice-read", "1.0.0").description("Ünïcödé <b>&</b> \"quoted\"").zip(files));

        ApiResponse first = api.get("/api/v1/plugins/twice-read");
        assertThat(first.status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            ApiResponse again = api.get("/api/v1/plugins/twice-read");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).as("read %d", i + 2).isEqualTo(first.body());
            assertThat(again.headersButDate()).as("read %d", i + 2).isEqualTo(first.headersButDate());
        }
        assertThat(first.header("Content-Type")).contains("application/json");
        assertThat(first.header("Content-Length")).contains(Integer.toString(first.body().length));
        assertThat(first.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(first.json().path("data").path("description").asText()).isEqualTo("Ünïcödé <b>&</b> \"quoted\"");
    }

    @Test
    void every_write_shows_in_the_next_read() {
        published(api, TestPackages.zip(files, "changing", "1.0.0"));
        for (int i = 0; i < 2; i++) {
            assertThat(api.get("/api/v1/plugins/changing").json().path("data").path("current_version").asText()).isEqualTo("1.0.0");
        }
        published(api, TestPackages.zip(files, "changing", "1.1.0"));
        assertThat(api.get("/api/v1/plugins/changing").json().path("data").path("current_version").asText()).isEqualTo("1.1.0");

        assertThat(api.request("DELETE", "/api/v1/plugins/changing").headers(OPERATOR).send().status()).isEqualTo(200);
        ApiResponse gone = api.get("/api/v1/plugins/changing");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
    }

    @Test
    void head_and_other_spellings_of_a_cached_detail_get_what_the_route_answers() {
        published(api, TestPackages.zip(files, "spelled", "1.0.0"));
        ApiResponse get = api.get("/api/v1/plugins/spelled");
        api.get("/api/v1/plugins/spelled");   // now cached

        ApiResponse head = api.request("HEAD", "/api/v1/plugins/spelled").send();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));

        assertThat(api.get("/api/v1/plugins/spelled?unused=1").body()).isEqualTo(get.body());
        assertThat(api.get("/api/v1/plugins/spell%65d").body()).as("an escaped letter").isEqualTo(get.body());
        assertThat(api.get("/api/v1/plugins/SPELLED").status()).as("ids are lower case").isEqualTo(404);
        assertThat(api.request("POST", "/api/v1/plugins/spelled").send().status()).isEqualTo(405);
    }

    @Test
    void answers_from_memory_are_counted_in_the_metrics() {
        published(api, TestPackages.zip(files, "counted", "1.0.0"));
        api.get("/api/v1/plugins/counted");
        double before = requestsAnswered();
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/v1/plugins/counted").status()).isEqualTo(200);
        }
        // five reads and the first metrics request itself
        assertThat(requestsAnswered() - before).isGreaterThanOrEqualTo(6);
    }

    private static double requestsAnswered() {
        String text = api.request("GET", "/metrics").headers(OPERATOR).send().text();
        return text.lines().filter(l -> l.startsWith("plughub_http_requests_total "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElseThrow();
    }
}
