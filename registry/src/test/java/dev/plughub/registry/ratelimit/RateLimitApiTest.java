package dev.plughub.registry.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.downloads.CatalogFixture;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits over HTTP: headers on limited answers, 429 with Retry-After, per user apart from per
 * address, the operator exempt. (Each limit's reset is proven with a test clock in
 * {@link FixedWindowLimiterTest}; here the real clock runs, so a test first waits out the end of a
 * window it could straddle.)
 */
class RateLimitApiTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path packages;

    /** Waits out the end of a fixed window when fewer than 8 s are left, so a test's requests fall in one window. */
    static void awayFromWindowEnd(Duration window) throws InterruptedException {
        long ms = window.toMillis();
        long left = ms - Instant.now().toEpochMilli() % ms;
        if (left < 8_000) {
            Thread.sleep(left + 100);
        }
    }

    private static void assertLimitHeaders(ApiResponse r, int limit, int remaining) {
        assertThat(r.header("X-RateLimit-Limit")).contains(Integer.toString(limit));
        assertThat(r.header("X-RateLimit-Remaining")).contains(Integer.toString(remaining));
        assertThat(Long.parseLong(r.header("X-RateLimit-Reset").orElseThrow())).isBetween(1L, 3600L);
    }

    /** A registry with these limits and one plugin, {@code id} 1.0.0. */
    private TestRegistry startWithPlugin(String id, RateLimits limits) {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin(id);
            catalog.version(id, "1.0.0", new byte[] {1, 2, 3}, "zip");
        }
        return TestRegistry.start(dataDir, c -> c.withRateLimits(limits));
    }

    /** {@code limit} GETs of {@code path} pass with the limit's headers counting down; the next is refused. */
    private static void refusedAfter(Api api, String path, int limit) {
        for (int i = 0; i < limit; i++) {
            ApiResponse ok = api.get(path);
            assertThat(ok.status()).as("%s", ok).isEqualTo(200);
            assertLimitHeaders(ok, limit, limit - 1 - i);
        }
        ApiResponse refused = api.get(path);
        assertThat(refused.status()).as("%s", refused).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isPresent();
    }

    @Test
    void queries_are_limited_per_address_and_per_user_and_the_operator_is_exempt() throws Exception {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withRateLimits(new RateLimits(3, 0, 0, 0)))) {
            Api api = registry.api();
            String token = Accounts.register(api, "limited-user");   // POST /auth/register is no limited class
            awayFromWindowEnd(Duration.ofMinutes(1));
            for (int i = 0; i < 3; i++) {
                ApiResponse ok = api.get("/api/v1/stats");
                assertThat(ok.status()).isEqualTo(200);
                assertLimitHeaders(ok, 3, 2 - i);
            }
            ApiResponse refused = api.get("/api/v1/plugins");
            assertThat(refused.status()).as("%s", refused).isEqualTo(429);
            assertThat(refused.json().path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(refused.json().path("error").asText()).startsWith("Too many queries: at most 3 per minute; try again in ");
            assertLimitHeaders(refused, 3, 0);
            long retry = Long.parseLong(refused.header("Retry-After").orElseThrow());
            assertThat(retry).isBetween(1L, 60L);

            // the user has a count of their own
            ApiResponse asUser = api.get("/api/v1/plugins", "Authorization", "Bearer " + token);
            assertThat(asUser.status()).isEqualTo(200);
            assertLimitHeaders(asUser, 3, 2);

            // the operator is never limited and gets no limit headers
            for (int i = 0; i < 10; i++) {
                ApiResponse op = api.get("/api/v1/stats", "X-API-Key", TestRegistry.OPERATOR_KEY);
                assertThat(op.status()).isEqualTo(200);
                assertThat(op.header("X-RateLimit-Limit")).isEmpty();
            }
            // routes outside the table are not limited
            assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
        }
    }

    @Test
    void every_read_of_a_plugins_detail_counts_even_when_its_answer_is_cached() throws Exception {
        try (TestRegistry registry = startWithPlugin("popular", new RateLimits(3, 0, 0, 0))) {
            Api api = registry.api();
            awayFromWindowEnd(Duration.ofMinutes(1));
            // the first read caches the answer; the others are served from it
            refusedAfter(api, "/api/v1/plugins/popular", 3);
        }
    }

    @Test
    void a_cached_detail_answer_carries_the_same_headers_as_the_routes_counting_down() throws Exception {
        try (TestRegistry registry = startWithPlugin("counted", new RateLimits(5, 0, 5, 0))) {
            Api api = registry.api();
            awayFromWindowEnd(Duration.ofMinutes(1));
            ApiResponse first = api.get("/api/v1/plugins/counted");   // the route answers, and caches
            ApiResponse second = api.get("/api/v1/plugins/counted");  // answered from the cache
            assertLimitHeaders(first, 5, 4);
            assertLimitHeaders(second, 5, 3);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(withoutCounts(second.headersButDate())).isEqualTo(withoutCounts(first.headersButDate()));

            ApiResponse download = api.get("/api/v1/plugins/counted/download");
            assertThat(download.status()).isEqualTo(200);
            assertLimitHeaders(download, 5, 4);
        }
    }

    private static java.util.Map<String, java.util.List<String>> withoutCounts(java.util.Map<String, java.util.List<String>> headers) {
        java.util.Map<String, java.util.List<String>> rest = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        rest.putAll(headers);
        rest.remove("X-RateLimit-Remaining");
        rest.remove("X-RateLimit-Reset");
        return rest;
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_count_for_cached_details_and_downloads() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("proxied");
            catalog.version("proxied", "1.0.0", new byte[] {1, 2, 3}, "zip");
        }
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withRateLimits(new RateLimits(2, 0, 2, 0))
                .withTrustedProxies(TrustedProxies.parse("127.0.0.1")))) {
            Api api = registry.api();
            awayFromWindowEnd(Duration.ofMinutes(1));
            for (String path : new String[] {"/api/v1/plugins/proxied", "/api/v1/plugins/proxied/download"}) {
                for (String client : new String[] {"203.0.113.7", "198.51.100.9"}) {
                    for (int i = 0; i < 2; i++) {
                        ApiResponse ok = api.get(path, "X-Forwarded-For", client);
                        assertThat(ok.status()).as("%s %s %d: %s", path, client, i, ok).isEqualTo(200);
                        assertLimitHeaders(ok, 2, 1 - i);
                    }
                    ApiResponse refused = api.get(path, "X-Forwarded-For", client);
                    assertThat(refused.status()).as("%s %s: %s", path, client, refused).isEqualTo(429);
                }
            }
        }
    }

    @Test
    void downloads_are_limited_apart_from_queries() throws Exception {
        try (TestRegistry registry = startWithPlugin("limited", new RateLimits(0, 0, 2, 0))) {
            Api api = registry.api();
            awayFromWindowEnd(Duration.ofMinutes(1));
            refusedAfter(api, "/api/v1/plugins/limited/download", 2);
            // queries are off (0): not counted, no headers
            ApiResponse query = api.get("/api/v1/plugins/limited");
            assertThat(query.status()).isEqualTo(200);
            assertThat(query.header("X-RateLimit-Limit")).isEmpty();
            assertThat(api.get("/api/v1/plugins/limited/download", "X-API-Key", TestRegistry.OPERATOR_KEY).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void logins_and_registrations_are_limited_per_address_whatever_names_they_try() throws Exception {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withRateLimits(new RateLimits(0, 0, 0, 0, 3)))) {
            Api api = registry.api();
            awayFromWindowEnd(Duration.ofMinutes(1));
            assertThat(api.postJson("/api/v1/auth/register", "{\"username\": \"guessed\", \"password\": \"right-password\"}")
                    .status()).isEqualTo(201);
            for (String guess : new String[] {"wrong-1", "wrong-2"}) {
                ApiResponse wrong = api.postJson("/api/v1/auth/login", "{\"username\": \"guessed\", \"password\": \"" + guess + "\"}");
                assertThat(wrong.status()).isEqualTo(401);
            }
            ApiResponse refused = api.postJson("/api/v1/auth/login", "{\"username\": \"someone-else\", \"password\": \"right-password\"}");

            assertThat(refused.status()).as("%s", refused).isEqualTo(429);
            assertThat(refused.json().path("error").asText()).startsWith("Too many logins and registrations: at most 3 per minute;");
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(api.get("/api/v1/plugins").status()).as("other classes are not limited here").isEqualTo(200);
        }
    }

    @Test
    void uploads_are_limited_per_user() throws Exception {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withRateLimits(new RateLimits(0, 2, 0, 0)))) {
            Api api = registry.api();
            String token = Accounts.register(api, "uploader");
            awayFromWindowEnd(Duration.ofHours(1));
            for (int i = 0; i < 2; i++) {
                ApiResponse ok = api.request("POST", "/api/v1/plugins/upload").bearer(token)
                        .file("plugin_file", TestPackages.zip(packages, "rl-plugin", "1.0." + i)).send();
                assertThat(ok.status()).as("%s", ok).isEqualTo(201);
                assertLimitHeaders(ok, 2, 1 - i);
            }
            ApiResponse refused = api.request("POST", "/api/v1/plugins/upload").bearer(token)
                    .file("plugin_file", TestPackages.zip(packages, "rl-plugin", "1.0.9")).send();
            assertThat(refused.status()).as("%s", refused).isEqualTo(429);
            assertThat(refused.json().path("error").asText()).startsWith("Too many uploads: at most 2 per hour;");
            assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 3600L);
            ApiResponse operator = api.request("POST", "/api/v1/plugins/upload")
                    .headers("X-API-Key", TestRegistry.OPERATOR_KEY)
                    .file("plugin_file", TestPackages.zip(packages, "rl-other", "1.0.0")).send();
            assertThat(operator.status()).as("%s", operator).isEqualTo(201);
        }
    }

    @Test
    void a_git_import_counts_as_an_upload() throws Exception {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withRateLimits(new RateLimits(0, 1, 0, 0)))) {
            Api api = registry.api();
            String token = Accounts.register(api, "importer");
            awayFromWindowEnd(Duration.ofHours(1));
            ApiResponse ok = api.request("POST", "/api/v1/plugins/upload").bearer(token)
                    .file("plugin_file", TestPackages.zip(packages, "rl-import", "1.0.0")).send();
            assertThat(ok.status()).as("%s", ok).isEqualTo(201);

            // refused before any outbound connection: the limit is checked ahead of the import itself
            ApiResponse refused = api.request("POST", "/api/v1/plugins/upload/github").bearer(token)
                    .json("{\"repo_url\": \"https://git.example.invalid/a/b\"}").send();

            assertThat(refused.status()).as("%s", refused).isEqualTo(429);
        }
    }
}
