package dev.plughub.registry.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.downloads.CatalogFixture;
import dev.plughub.registry.downloads.ServedVersion;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics per plugin and for the registry, the daily series, and how downloads are counted. */
class StatsApiTest {

    @TempDir
    Path dataDir;

    private static void day(CatalogFixture catalog, ServedVersion v, LocalDate day, long n) {
        catalog.db().write().useHandle(h -> h.execute(
                "INSERT INTO download_daily (version_pk, day, n) VALUES (?, ?, ?)", v.versionPk(), day.toString(), n));
    }

    private static void hour(CatalogFixture catalog, ServedVersion v, long hoursAgo, long n) {
        long hour = Math.floorDiv(System.currentTimeMillis(), 3_600_000L) - hoursAgo;
        catalog.db().write().useHandle(h -> h.execute(
                "INSERT INTO download_hourly (version_pk, hour, n) VALUES (?, ?, ?)", v.versionPk(), hour, n));
    }

    private static void totals(CatalogFixture catalog, ServedVersion v, long n) {
        catalog.db().write().useHandle(h -> {
            h.execute("UPDATE plugin_versions SET downloads = ? WHERE id = ?", n, v.versionPk());
            h.execute("UPDATE plugins SET downloads = downloads + ? WHERE id = ?", n, v.pluginPk());
        });
    }

    /** Waits for the next UTC hour when fewer than 60 s of this one are left, so the test runs within one hour. */
    private static void awayFromHourEnd() throws InterruptedException {
        long hour = 3_600_000L;
        long left = hour - System.currentTimeMillis() % hour;
        if (left < 60_000) {
            Thread.sleep(left + 100);
        }
    }

    @Test
    void plugin_stats_count_utc_days_back_from_today_and_the_last_24_hours() throws InterruptedException {
        awayFromHourEnd();   // the counts are set up relative to this hour and day
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("charted");
            ServedVersion v1 = catalog.version("charted", "1.0.0", new byte[] {1}, "zip");
            ServedVersion v2 = catalog.version("charted", "1.1.0", new byte[] {2}, "zip");
            day(catalog, v2, today, 5);
            day(catalog, v1, today.minusDays(3), 7);
            day(catalog, v1, today.minusDays(6), 1);    // the 7th day back: still in the week
            day(catalog, v1, today.minusDays(7), 2);    // the 8th: not
            day(catalog, v1, today.minusDays(29), 11);  // the 30th: still in the month
            day(catalog, v1, today.minusDays(30), 13);  // the 31st: not
            hour(catalog, v2, 0, 3);     // this hour: in the last 24 hours
            hour(catalog, v1, 23, 2);    // 23 hours back: still in
            hour(catalog, v1, 24, 17);   // 24 hours back: not
            totals(catalog, v1, 34);
            totals(catalog, v2, 5);
        }
        try (TestRegistry registry = TestRegistry.start(dataDir)) {
            Api api = registry.api();
            ApiResponse r = api.get("/api/v1/plugins/charted/stats");
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            JsonNode s = r.json().path("data");
            assertThat(s.path("plugin_id").asText()).isEqualTo("charted");
            assertThat(s.path("total_downloads").asLong()).isEqualTo(39);
            assertThat(s.path("monthly_downloads").asLong()).isEqualTo(5 + 7 + 1 + 2 + 11);
            assertThat(s.path("weekly_downloads").asLong()).isEqualTo(5 + 7 + 1);
            assertThat(s.path("daily_downloads").asLong()).isEqualTo(3 + 2);
            assertThat(s.path("average_rating").asDouble()).isZero();
            assertThat(s.path("total_ratings").asLong()).isZero();
            assertThat(s.path("rating_distribution").toString()).isEqualTo("{\"5\":0,\"4\":0,\"3\":0,\"2\":0,\"1\":0}");
            assertThat(s.path("version_downloads").toString()).isEqualTo("{\"1.1.0\":5,\"1.0.0\":34}");
            assertThat(s.path("created_at").asText()).endsWith("Z");
            assertThat(s.path("last_updated").asText()).endsWith("Z");

            assertThat(api.get("/api/v1/plugins/nope/stats").status()).isEqualTo(404);
            assertThat(api.get("/api/v1/plugins/nope/stats/downloads").status()).isEqualTo(404);
        }
    }

    @Test
    void the_daily_series_is_zero_filled_and_days_is_checked() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("series");
            ServedVersion v = catalog.version("series", "1.0.0", new byte[] {1}, "zip");
            day(catalog, v, today, 4);
            day(catalog, v, today.minusDays(2), 9);
            day(catalog, v, today.minusDays(20), 50);
        }
        try (TestRegistry registry = TestRegistry.start(dataDir)) {
            Api api = registry.api();
            JsonNode week = api.get("/api/v1/plugins/series/stats/downloads?days=7").json().path("data");
            assertThat(week.path("days").asInt()).isEqualTo(7);
            assertThat(week.path("from").asText()).isEqualTo(today.minusDays(6).toString());
            assertThat(week.path("to").asText()).isEqualTo(today.toString());
            assertThat(week.path("total").asLong()).isEqualTo(13);
            List<String> days = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            week.path("series").forEach(d -> {
                days.add(d.path("date").asText());
                counts.add(d.path("downloads").asLong());
            });
            assertThat(days).first().isEqualTo(today.minusDays(6).toString());
            assertThat(days).last().isEqualTo(today.toString());
            assertThat(counts).containsExactly(0L, 0L, 0L, 0L, 9L, 0L, 4L);

            JsonNode byDefault = api.get("/api/v1/plugins/series/stats/downloads").json().path("data");
            assertThat(byDefault.path("series").size()).isEqualTo(30);
            assertThat(byDefault.path("total").asLong()).isEqualTo(63);
            assertThat(api.get("/api/v1/plugins/series/stats/downloads?days=365").json().path("data")
                    .path("series").size()).isEqualTo(365);
            for (String bad : List.of("0", "366", "-1", "abc", "7.5")) {
                ApiResponse r = api.get("/api/v1/plugins/series/stats/downloads?days=" + bad);
                assertThat(r.status()).as(bad).isEqualTo(422);
                assertThat(r.json().path("details").has("days")).isTrue();
            }
        }
    }

    @Test
    void registry_totals() {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("one");
            ServedVersion v = catalog.version("one", "1.0.0", new byte[] {1}, "zip");
            catalog.version("one", "1.1.0", new byte[] {2}, "zip");
            catalog.plugin("two");
            catalog.version("two", "0.1.0", new byte[] {3}, "zip");
            catalog.plugin("gone");
            catalog.version("gone", "1.0.0", new byte[] {4}, "zip");
            catalog.deletePlugin("gone");
            totals(catalog, v, 12);
        }
        try (TestRegistry registry = TestRegistry.start(dataDir)) {
            Api api = registry.api();
            assertThat(api.postJson("/api/v1/auth/register",
                    "{\"username\":\"counted-user\",\"password\":\"correct-horse-battery\"}").status()).isEqualTo(201);
            JsonNode t = api.get("/api/v1/stats").json().path("data");
            assertThat(t.path("plugins").asLong()).isEqualTo(2);
            assertThat(t.path("versions").asLong()).isEqualTo(3);
            assertThat(t.path("downloads").asLong()).isEqualTo(12);
            assertThat(t.path("users").asLong()).isEqualTo(1);
            assertThat(t.path("reviews").asLong()).isZero();
        }
    }
}
