package dev.plughub.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.RawHttp;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A query string that does not decode is a 400 naming the parameter, on every route and before any
 * route reads it — never silently dropped (which served the newest version to {@code ?version=1.1.0%}
 * and the whole catalogue to {@code ?search=%ZZ}). Sent over a raw socket: {@link java.net.URI}
 * refuses such escapes itself.
 */
class QueryEncodingTest extends RunningRegistry {

    private static String sha110;

    @BeforeAll
    static void publish() {
        sha110 = TestPackages.sha256(publish("1.1.0"));
        publish("1.2.0");
    }

    private static Path publish(String version) {
        Path file = TestPackages.zip(files, "query-target", version);
        Publisher.published(api, file);
        return file;
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/plugins/query-target/download?version=1.1.0%, version",
            "/api/v1/plugins/query-target/download?version=1.1.0%ZZ, version",
            "/api/v1/plugins/query-target/download?version=1.1.0%e, version",
            "/api/v1/plugins?search=system%, search",
            "/api/v1/plugins?search=%ZZ, search",
            "/api/v1/plugins?search=%E9t%E9, search",
            "/api/v1/plugins?limit=%ZZ, limit",
            "/api/v1/plugins?page=1&limit=%ZZ, limit",
            "/api/v1/plugins/query-target?x=%Z1, x",
            "/api/v1/plugins/query-target/versions?page=%, page",
            "/api/v1/health?%ZZ=1, %ZZ",
    })
    void a_query_that_does_not_decode_is_a_400_naming_the_parameter(String target, String parameter) {
        ApiResponse r = RawHttp.send(registry, "GET", target);

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(r.json().at("/details/parameter").asText()).isEqualTo(parameter);
        assertThat(r.json().get("error").asText()).contains("'" + parameter + "'", "percent-encoding");
    }

    @Test
    void the_sentence_says_what_is_wrong_with_the_escapes() {
        assertThat(RawHttp.send(registry, "GET", "/api/v1/plugins?search=%ZZ").json().get("error").asText())
                .contains("a '%' must be followed by two hex digits");
        assertThat(RawHttp.send(registry, "GET", "/api/v1/plugins?search=%E9").json().get("error").asText())
                .contains("do not spell UTF-8 text");
    }

    @Test
    void a_bad_version_query_never_downloads_another_version_even_where_the_fast_path_answers() {
        // the plain download is answered in front of Javalin (downloads/MappedDownloads); the route must still see the bad query
        assertThat(RawHttp.send(registry, "GET", "/api/v1/plugins/query-target/download?version=1.1.0").header("X-Checksum-SHA256"))
                .contains(sha110);

        ApiResponse bad = RawHttp.send(registry, "GET", "/api/v1/plugins/query-target/download?version=1.1.0%");
        ApiResponse head = RawHttp.send(registry, "HEAD", "/api/v1/plugins/query-target/download?version=1.1.0%ZZ");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("X-Checksum-SHA256")).isEmpty();
        assertThat(head.status()).isEqualTo(400);
    }

    @Test
    void a_cached_detail_is_not_answered_to_a_query_that_does_not_decode() {
        assertThat(api.get("/api/v1/plugins/query-target").status()).isEqualTo(200);   // now cached: CachedDetails answers
        assertThat(api.get("/api/v1/plugins/query-target").status()).isEqualTo(200);

        assertThat(RawHttp.send(registry, "GET", "/api/v1/plugins/query-target?lang=%").status()).isEqualTo(400);
    }

    @Test
    void well_formed_escapes_still_decode() {
        ApiResponse encoded = RawHttp.send(registry, "GET", "/api/v1/plugins/query-target/download?version=1%2E1%2E0");
        ApiResponse search = RawHttp.send(registry, "GET", "/api/v1/plugins?search=query%2Dtarget&limit=%31%30");
        ApiResponse utf8 = RawHttp.send(registry, "GET", "/api/v1/plugins?search=%E6%8F%92%E4%BB%B6+caf%C3%A9");

        assertThat(encoded.status()).isEqualTo(200);
        assertThat(encoded.header("X-Checksum-SHA256")).contains(sha110);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.json().at("/data/pagination/limit").asInt()).isEqualTo(10);
        assertThat(utf8.status()).isEqualTo(200);
        assertThat(utf8.json().at("/data/pagination/total").asInt()).isZero();
    }
}
