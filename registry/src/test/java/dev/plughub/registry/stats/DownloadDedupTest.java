package dev.plughub.registry.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.downloads.CatalogFixture;
import dev.plughub.registry.downloads.DownloadCounter;
import dev.plughub.registry.downloads.ServedVersion;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same client downloading the same version counts once per hour; counting can be turned off. */
class DownloadDedupTest {

    @TempDir
    Path dataDir;

    @Test
    void each_user_and_each_address_counts_once_per_version() {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("deduped");
            catalog.version("deduped", "1.0.0", new byte[] {1, 2}, "zip");
            catalog.version("deduped", "2.0.0", new byte[] {3, 4}, "zip");
        }
        try (TestRegistry registry = TestRegistry.start(dataDir)) {
            Api api = registry.api();
            String ada = Accounts.register(api, "ada");
            String bob = Accounts.register(api, "bob");
            String path = "/api/v1/plugins/deduped/download?version=1.0.0";
            for (int i = 0; i < 3; i++) {
                assertThat(api.get(path).status()).isEqualTo(200);                                   // the address
                assertThat(api.get(path, "Authorization", "Bearer " + ada).status()).isEqualTo(200); // ada
            }
            assertThat(api.get(path, "Authorization", "Bearer " + bob).status()).isEqualTo(200);     // bob
            assertThat(api.get("/api/v1/plugins/deduped/download").status()).isEqualTo(200);         // 2.0.0: another version
        }
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {   // the counts are flushed at shutdown
            assertThat(catalog.versionDownloads("deduped", "1.0.0")).isEqualTo(3);
            assertThat(catalog.versionDownloads("deduped", "2.0.0")).isEqualTo(1);
            assertThat(catalog.pluginDownloads("deduped")).isEqualTo(4);
        }
        try (TestRegistry registry = TestRegistry.start(dataDir)) {     // and they are today's and this hour's
            JsonNode stats = registry.api().get("/api/v1/plugins/deduped/stats").json().path("data");
            assertThat(stats.path("daily_downloads").asLong()).isEqualTo(4);
            assertThat(stats.path("weekly_downloads").asLong()).isEqualTo(4);
            assertThat(stats.path("version_downloads").path("1.0.0").asLong()).isEqualTo(3);
        }
    }

    @Test
    void counting_off_counts_nothing() {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("uncounted");
            catalog.version("uncounted", "1.0.0", new byte[] {1, 2}, "zip");
        }
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withCountDownloads(false))) {
            assertThat(registry.server().config().countDownloads()).isFalse();
            for (int i = 0; i < 3; i++) {
                assertThat(registry.api().get("/api/v1/plugins/uncounted/download").status()).isEqualTo(200);
            }
        }
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            assertThat(catalog.pluginDownloads("uncounted")).isZero();
            assertThat(catalog.dailyDownloads("uncounted", "1.0.0")).isZero();
        }
    }

    @Test
    void the_same_client_counts_again_after_an_hour() {
        Instant[] now = {Instant.parse("2026-03-01T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("hourly");
            ServedVersion v = catalog.version("hourly", "1.0.0", new byte[] {1}, "zip");
            try (DownloadCounter counter = new DownloadCounter(catalog.db(), clock, Duration.ofHours(5))) {
                counter.record(v, "a:10.0.0.1");
                counter.record(v, "a:10.0.0.1");
                counter.record(v, "n:2001:db8:0:1::/64");
                counter.record(v, "n:2001:db8:0:1::/64");
                now[0] = now[0].plus(Duration.ofMinutes(59));
                counter.record(v, "a:10.0.0.1");
                assertThat(counter.pending()).isEqualTo(2);
                now[0] = now[0].plus(Duration.ofMinutes(2));
                counter.record(v, "a:10.0.0.1");
                assertThat(counter.pending()).isEqualTo(3);
            }
            assertThat(catalog.versionDownloads("hourly", "1.0.0")).isEqualTo(3);
        }
    }

    @Test
    void a_counter_turned_off_records_nothing() {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("off");
            ServedVersion v = catalog.version("off", "1.0.0", new byte[] {1}, "zip");
            try (DownloadCounter counter = new DownloadCounter(catalog.db(), Clock.systemUTC(), Duration.ofHours(1), false)) {
                counter.record(v, "a:10.0.0.1");
                assertThat(counter.enabled()).isFalse();
                assertThat(counter.pending()).isZero();
            }
        }
    }
}
