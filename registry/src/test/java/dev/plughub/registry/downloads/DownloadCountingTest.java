package dev.plughub.registry.downloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.Dialect;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads are counted in memory and reach the database in batches, on a timer and at shutdown. */
class DownloadCountingTest {

    @TempDir
    Path dataDir;

    private static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void complete_downloads_and_ranges_from_byte_0_count_and_nothing_else_does() {
        String etag;
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("counted");
            etag = '"' + catalog.version("counted", "1.0.0", bytes(50_000), "zip").sha256() + '"';
        }
        try (TestRegistry registry = TestRegistry.start(dataDir)) {
            var api = registry.api();
            String path = "/api/v1/plugins/counted/download";
            assertThat(api.get(path).status()).isEqualTo(200);                               // counts
            assertThat(api.get(path + "?version=1.0.0").status()).isEqualTo(200);             // counts
            assertThat(api.get(path, "Range", "bytes=0-999").status()).isEqualTo(206);        // counts: starts at 0
            assertThat(api.get(path, "Range", "bytes=1000-").status()).isEqualTo(206);        // a resumed download
            assertThat(api.get(path, "Range", "bytes=-10").status()).isEqualTo(206);          // a tail
            assertThat(api.get(path, "If-None-Match", etag).status()).isEqualTo(304);
            assertThat(api.request("HEAD", path).send().status()).isEqualTo(200);
            assertThat(api.get(path, "Range", "bytes=999999-").status()).isEqualTo(416);
            assertThat(api.get(path + "?version=9.9.9").status()).isEqualTo(404);
        }
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            // three counted downloads, but one client and one version: counted once (de-duplicated per hour)
            assertThat(catalog.versionDownloads("counted", "1.0.0")).isEqualTo(1);
            assertThat(catalog.pluginDownloads("counted")).isEqualTo(1);
            assertThat(catalog.dailyDownloads("counted", "1.0.0")).isEqualTo(1);
        }
    }

    @Test
    void counts_are_written_at_shutdown_and_survive_a_restart() {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("kept");
            catalog.version("kept", "1.0.0", bytes(1000), "zip");
            catalog.version("kept", "1.1.0", bytes(2000), "zip");
        }
        try (TestRegistry registry = TestRegistry.start(dataDir)) {
            for (int i = 0; i < 3; i++) {
                assertThat(registry.api().get("/api/v1/plugins/kept/download?version=1.0.0").status()).isEqualTo(200);
            }
            assertThat(registry.api().get("/api/v1/plugins/kept/download").status()).isEqualTo(200);
        }
        try (TestRegistry again = TestRegistry.start(dataDir)) {
            assertThat(again.api().get("/api/v1/plugins/kept/download").status()).isEqualTo(200);
        }
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            // one client: once per version and hour, across the restart (the database remembers who was counted)
            assertThat(catalog.versionDownloads("kept", "1.0.0")).isEqualTo(1);
            assertThat(catalog.versionDownloads("kept", "1.1.0")).isEqualTo(1);
            assertThat(catalog.pluginDownloads("kept")).isEqualTo(2);
        }
    }

    @Test
    void concurrent_downloads_are_counted_exactly() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("busy");
            catalog.version("busy", "1.0.0", bytes(20 * 1024), "zip");
            catalog.version("busy", "2.0.0", bytes(30 * 1024), "tar.gz");
        }
        int threads = 16;
        int perThread = 25;   // 400 in all: 200 of each version
        try (TestRegistry registry = TestRegistry.start(dataDir);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String version = t % 2 == 0 ? "1.0.0" : "2.0.0";
                results.add(pool.submit(() -> {
                    start.await();
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (registry.api().get("/api/v1/plugins/busy/download?version=" + version).status() == 200) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            start.countDown();
            int ok = 0;
            for (Future<Integer> f : results) {
                ok += f.get();
            }
            assertThat(ok).isEqualTo(threads * perThread);
        }
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            // 200 concurrent downloads of each version by one client count exactly once each (de-duplication)
            assertThat(catalog.versionDownloads("busy", "1.0.0")).isEqualTo(1);
            assertThat(catalog.versionDownloads("busy", "2.0.0")).isEqualTo(1);
            assertThat(catalog.pluginDownloads("busy")).isEqualTo(2);
            assertThat(catalog.dailyDownloads("busy", "1.0.0")).isEqualTo(1);
        }
    }

    @Test
    void counts_reach_the_database_on_a_timer_while_the_server_runs() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("ticking");
            catalog.version("ticking", "1.0.0", bytes(1000), "zip");
            catalog.version("ticking", "1.1.0", bytes(1100), "zip");
            try (TestRegistry registry = TestRegistry.start(dataDir)) {
                registry.api().get("/api/v1/plugins/ticking/download");
                registry.api().get("/api/v1/plugins/ticking/download?version=1.0.0");
                registry.api().get("/api/v1/plugins/ticking/download?version=1.1.0");
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (catalog.pluginDownloads("ticking") < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(catalog.versionDownloads("ticking", "1.0.0")).isEqualTo(1);   // twice by one client
                assertThat(catalog.versionDownloads("ticking", "1.1.0")).isEqualTo(1);
            }
        }
    }

    @Test
    void a_failed_flush_keeps_its_counts_for_the_next_one() {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("stubborn");
            ServedVersion v = catalog.version("stubborn", "1.0.0", bytes(100), "zip");
            try (DownloadCounter counter = new DownloadCounter(catalog.db(), Clock.systemUTC(), Duration.ofHours(1))) {
                counter.record(v);
                counter.record(v);
                refuseDownloadUpdates(catalog.db(), true);

                assertThatThrownBy(counter::flush).hasMessageContaining("refused by the test");
                assertThat(counter.pending()).isEqualTo(2);
                assertThat(catalog.pluginDownloads("stubborn")).isZero();   // the transaction rolled back whole

                counter.record(v);
                refuseDownloadUpdates(catalog.db(), false);
                counter.flush();
                assertThat(counter.pending()).isZero();
                assertThat(catalog.versionDownloads("stubborn", "1.0.0")).isEqualTo(3);
                assertThat(catalog.pluginDownloads("stubborn")).isEqualTo(3);
                assertThat(catalog.dailyDownloads("stubborn", "1.0.0")).isEqualTo(3);
            }
        }
    }

    /** Adds (or drops) a trigger that makes every update of a version's download count fail. */
    private static void refuseDownloadUpdates(Database db, boolean refuse) {
        db.write().useHandle(h -> {
            if (db.dialect() == Dialect.SQLITE) {
                h.execute(refuse ? """
                        CREATE TRIGGER refuse BEFORE UPDATE OF downloads ON plugin_versions
                        BEGIN SELECT RAISE(ABORT, 'refused by the test'); END""" : "DROP TRIGGER refuse");
            } else if (refuse) {
                h.execute("""
                        CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql
                        AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$""");
                h.execute("CREATE TRIGGER refuse BEFORE UPDATE OF downloads ON plugin_versions"
                        + " FOR EACH ROW EXECUTE FUNCTION refuse()");
            } else {
                h.execute("DROP TRIGGER refuse ON plugin_versions");
            }
        });
    }
}
