package dev.plughub.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorsOriginsTest {

    private static final String STORE = "https://store.example.com";

    @TempDir
    Path dataDir;

    @TempDir
    Path packages;

    private static ApiResponse preflight(Api api, String origin) {
        return api.request("OPTIONS", "/api/v1/plugins/search")
                .headers("Origin", origin, "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "authorization,content-type")
                .withoutContractCheck().send();
    }

    @Test
    void a_listed_origin_passes_the_preflight_and_reads_the_answers_headers() {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withCorsOrigins(CorsOrigins.parse(STORE + ", http://localhost:3000")))) {
            Api api = registry.api();

            ApiResponse pre = preflight(api, STORE);
            assertThat(pre.status()).isBetween(200, 204);
            assertThat(pre.header("Access-Control-Allow-Origin")).contains(STORE);
            assertThat(pre.header("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
            assertThat(pre.header("Access-Control-Allow-Headers").orElseThrow().toLowerCase()).contains("authorization");
            assertThat(pre.header("Access-Control-Allow-Credentials")).as("never credentials cross-site").isEmpty();

            ApiResponse read = api.get("/api/v1/plugins", "Origin", STORE);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("Access-Control-Allow-Origin")).contains(STORE);
            assertThat(read.header("Access-Control-Expose-Headers").orElseThrow()).contains("ETag").contains("X-RateLimit-Remaining");

            Publisher.published(api, TestPackages.zip(packages, "cors-read", "1.0.0"));
            for (int i = 0; i < 3; i++) {   // the first read caches the detail; the others are served from the cache
                ApiResponse detail = api.get("/api/v1/plugins/cors-read", "Origin", STORE);
                assertThat(detail.status()).isEqualTo(200);
                assertThat(detail.header("Access-Control-Allow-Origin")).as("read %d", i + 1).contains(STORE);
                assertThat(detail.header("Vary")).as("read %d", i + 1).contains("Origin");
            }

            for (String badQuery : new String[] {"/api/v1/plugins?search=a%00b", "/api/v1/plugins?search=%E0%A4"}) {
                ApiResponse refused = api.get(badQuery, "Origin", STORE);
                assertThat(refused.status()).as(badQuery).isBetween(400, 422);
                assertThat(refused.header("Access-Control-Allow-Origin")).as("the refusal is readable too: " + badQuery)
                        .contains(STORE);
            }

            ApiResponse missing = api.get("/api/v1/plugins/no-such-plugin", "Origin", STORE);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("Access-Control-Allow-Origin")).as("errors are readable too").contains(STORE);

            ApiResponse stranger = api.request("GET", "/api/v1/plugins").headers("Origin", "https://evil.example")
                    .withoutContractCheck().send();
            assertThat(stranger.status()).as("%s", stranger).isEqualTo(200);
            assertThat(stranger.header("Access-Control-Allow-Origin")).as("an origin not listed").isEmpty();
        }
    }

    @Test
    void without_the_setting_no_answer_invites_another_site() {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c)) {
            Api api = registry.api();
            assertThat(api.get("/api/v1/plugins", "Origin", STORE).header("Access-Control-Allow-Origin")).isEmpty();
            ApiResponse pre = preflight(api, STORE);
            assertThat(pre.header("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void origins_that_are_not_origins_are_refused_at_start() {
        assertThatThrownBy(() -> CorsOrigins.parse("https://store.example.com/app"))
                .hasMessageContaining("'https://store.example.com/app'").hasMessageContaining("PLUGHUB_CORS_ORIGINS");
        assertThatThrownBy(() -> CorsOrigins.parse("store.example.com")).hasMessageContaining("is not an origin");
        assertThatThrownBy(() -> CorsOrigins.parse("*, https://a.example")).hasMessageContaining("not both");
        assertThat(CorsOrigins.parse("HTTPS://Store.Example.com:8443").origins()).containsExactly("https://store.example.com:8443");
        assertThat(RegistryConfig.fromEnvironment(Map.of("PLUGHUB_CORS_ORIGINS", "*")).corsOrigins().origins()).containsExactly("*");
        assertThat(RegistryConfig.fromEnvironment(Map.of()).corsOrigins().isEmpty()).isTrue();
    }
}
