package dev.plughub.registry.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsApiTest {

    private static final String SCRAPER = "scrape-only-secret";

    @TempDir
    Path dataDir;

    private static double value(String text, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("%s in%n%s", sample, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void a_scraper_reads_prometheus_text_that_follows_what_the_registry_did() {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withMetricsToken(SCRAPER))) {
            Api api = registry.api();
            ApiResponse before = api.get("/metrics", "Authorization", "Bearer " + SCRAPER);
            assertThat(before.status()).isEqualTo(200);
            assertThat(before.header("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            double notFoundBefore = value(before.text(), "plughub_http_responses_total{code=\"4xx\"}");

            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/api/v1/plugins/no-such-plugin").status()).isEqualTo(404);
            }

            String after = api.get("/metrics", "Authorization", "Bearer " + SCRAPER).text();
            assertThat(value(after, "plughub_http_responses_total{code=\"4xx\"}")).isEqualTo(notFoundBefore + 3);
            assertThat(value(after, "plughub_plugins")).isEqualTo(0);
            assertThat(value(after, "jvm_memory_used_bytes{area=\"heap\"}")).isPositive();
            assertThat(after).contains("# TYPE plughub_http_responses_total counter")
                    .containsPattern("plughub_db_connections\\{pool=\"[^\"]+\",state=\"active\"\\} \\d+")
                    .containsPattern("plughub_build_info\\{version=\"[^\"]+\"\\} 1");
            assertThat(after.split("# TYPE plughub_db_connections ", -1)).as("described once").hasSize(2);
            assertFamiliesAreGrouped(after);
        }
    }

    /** The format's rule: all lines of a family form one group, its HELP and TYPE first. */
    private static void assertFamiliesAreGrouped(String text) {
        java.util.Set<String> finished = new java.util.HashSet<>();
        String current = null;
        for (String line : text.split("\n")) {
            String family = line.startsWith("# ") ? line.split(" ")[2] : line.split("[{ ]")[0];
            if (!family.equals(current)) {
                assertThat(finished.add(family)).as("%s appears in two groups:%n%s", family, text).isTrue();
                assertThat(line).as("a group starts with its description").startsWith("# HELP " + family);
                current = family;
            }
        }
    }

    @Test
    void only_administrators_and_the_metrics_token_may_read_it() {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withMetricsToken(SCRAPER))) {
            Api api = registry.api();
            assertThat(api.get("/metrics").status()).isEqualTo(401);
            assertThat(api.get("/metrics", "Authorization", "Bearer not-the-secret").status()).isEqualTo(401);
            String user = Accounts.register(api, "curious-user");
            assertThat(api.get("/metrics", "Authorization", "Bearer " + user).status()).isEqualTo(403);
            assertThat(api.get("/metrics", "X-API-Key", TestRegistry.OPERATOR_KEY).status()).isEqualTo(200);
            // the metrics token opens nothing else
            assertThat(api.get("/api/v1/admin/audit", "Authorization", "Bearer " + SCRAPER).status()).isEqualTo(401);
        }
    }
}
