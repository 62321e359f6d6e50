package dev.plughub.registry.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.storage.BlobStore;
import dev.plughub.registry.storage.FileBlobStore;
import dev.plughub.registry.storage.PackageFileLock;
import dev.plughub.registry.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanSweeperTest {

    @TempDir
    Path dataDir;

    @Test
    void keeps_unreferenced_files_within_the_grace_period_and_removes_them_after_it() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("swept");
            ServedVersion live = catalog.version("swept", "1.0.0", "live".getBytes(), "zip");
            ServedVersion deleted = catalog.version("swept", "2.0.0", "deleted".getBytes(), "zip");
            catalog.deleteVersion("swept", "2.0.0");
            String orphan = blob(catalog, "written before a crash, or by a publish in flight elsewhere");
            MutableClock clock = new MutableClock(Instant.now());

            OrphanSweeper.Result early = sweeper(catalog, clock).sweep();

            assertThat(early.blobsRemoved()).isZero();
            assertThat(early.youngOrphansKept()).isEqualTo(2);
            assertThat(catalog.blobs().exists(orphan)).isTrue();

            clock.advance(Duration.ofMinutes(2));
            OrphanSweeper.Result later = sweeper(catalog, clock).sweep();

            assertThat(later.blobsRemoved()).isEqualTo(2);
            assertThat(catalog.blobs().exists(live.sha256())).isTrue();
            assertThat(catalog.blobs().exists(orphan)).isFalse();
            assertThat(catalog.blobs().exists(deleted.sha256())).isFalse();
        }
    }

    @Test
    void a_publish_that_reuses_an_old_unreferenced_file_renews_it_so_the_sweep_spares_it() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            String sha = blob(catalog, "the same bytes, published again");
            Thread.sleep(3100);   // past the write time's resolution (whole seconds on S3), with room to spare
            Instant republishedAt = Instant.now();

            blob(catalog, "the same bytes, published again");   // the publish's put finds the file there already

            OrphanSweeper.Result result = sweeper(catalog, new MutableClock(republishedAt.plusSeconds(58))).sweep();
            assertThat(result.blobsRemoved()).isZero();
            assertThat(catalog.blobs().exists(sha)).isTrue();
        }
    }

    @Test
    void a_publish_between_storing_its_file_and_committing_keeps_the_sweep_off_that_file() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("raced");
            catalog.version("raced", "0.1.0", "an earlier version".getBytes(), "zip");
            byte[] bytes = "left by a crash, then published again".getBytes();
            String sha = blob(catalog, new String(bytes));
            PackageFileLock lock = new PackageFileLock();
            java.util.concurrent.CountDownLatch stored = new java.util.concurrent.CountDownLatch(1);
            Thread publish = Thread.ofVirtual().start(() -> {
                try {
                    lock.whilePublishing(() -> {
                        stored.countDown();   // the file is there and renewed; the row commits a moment later
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return catalog.version("raced", "1.0.0", bytes, "zip");
                    });
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            stored.await();
            MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofMinutes(2)));   // the file looks old

            OrphanSweeper.Packages result = new OrphanSweeper(catalog.db(), catalog.blobs(), lock,
                    dataDir.resolve("tmp/uploads"), Duration.ofMinutes(1), clock).sweepPackages();
            publish.join();

            assertThat(result.blobsRemoved()).isZero();
            assertThat(catalog.blobs().exists(sha)).as("the file the publish committed").isTrue();
        }
    }

    @Test
    void an_empty_catalogue_beside_package_files_is_never_swept() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            String sha = blob(catalog, "all that is left of a lost database");
            MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofHours(2)));

            OrphanSweeper.Packages result = sweeper(catalog, clock).sweepPackages();

            assertThat(result.blobsRemoved()).isZero();
            assertThat(result.youngOrphansKept()).isEqualTo(1);
            assertThat(catalog.blobs().exists(sha)).isTrue();
        }
    }

    @Test
    void the_background_sweep_has_removed_old_orphans_once_it_is_closed() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("kept");
            ServedVersion live = catalog.version("kept", "1.0.0", "live".getBytes(), "zip");
            String orphan = blob(catalog, "left by a crash");
            MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofMinutes(2)));

            try (AutoCloseable running = sweeper(catalog, clock).sweepPackagesInBackground()) {
                assertThat(running).isNotNull();
            }

            assertThat(catalog.blobs().exists(orphan)).isFalse();
            assertThat(catalog.blobs().exists(live.sha256())).isTrue();
        }
    }

    @Test
    void removes_half_written_package_files_once_they_are_older_than_the_grace_period() throws Exception {
        FileBlobStore store = new FileBlobStore(dataDir.resolve("packages"));
        Path fanOut = Files.createDirectories(store.root().resolve("ab").resolve("cd"));
        Path crashed = Files.writeString(fanOut.resolve(".tmp-abcd" + "0".repeat(60) + "-31"), "half a package");
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Path inFlight = Files.writeString(fanOut.resolve(".tmp-abcd" + "1".repeat(60) + "-32"), "a put in flight");

        assertThat(store.removeLeftovers(Instant.now().minus(Duration.ofMinutes(1)))).isEqualTo(1);

        assertThat(crashed).doesNotExist();
        assertThat(inFlight).exists();
        try (Stream<BlobStore.StoredBlob> listed = store.list()) {
            assertThat(listed).as("temporary files are no blobs").isEmpty();
        }
    }

    @Test
    void empties_the_upload_folder_but_keeps_it() throws Exception {
        Path uploads = Files.createDirectories(dataDir.resolve("tmp/uploads"));
        Files.writeString(uploads.resolve("MultiPart123.tmp"), "half an upload");
        Files.writeString(Files.createDirectories(uploads.resolve("nested")).resolve("part"), "more");
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            OrphanSweeper.Result result = new OrphanSweeper(catalog.db(), catalog.blobs(), new PackageFileLock(), uploads,
                    Duration.ofMinutes(1), Clock.systemUTC()).sweep();

            assertThat(result.uploadsRemoved()).isEqualTo(2);
            assertThat(uploads).isDirectory();
            try (Stream<Path> left = Files.list(uploads)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void a_missing_upload_folder_is_not_an_error() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            OrphanSweeper.Result result = new OrphanSweeper(catalog.db(), catalog.blobs(), new PackageFileLock(), dataDir.resolve("nowhere"),
                    Duration.ofMinutes(1), Clock.systemUTC()).sweep();

            assertThat(result).isEqualTo(new OrphanSweeper.Result(0, 0, 0));
        }
    }

    private static String blob(CatalogFixture catalog, String content) throws Exception {
        byte[] bytes = content.getBytes();
        String sha = CatalogFixture.sha256(bytes);
        Path source = Files.createTempFile("orphan", ".bin");
        Files.write(source, bytes);
        catalog.blobs().put(sha, source);
        return sha;
    }

    private OrphanSweeper sweeper(CatalogFixture catalog, Clock clock) {
        return new OrphanSweeper(catalog.db(), catalog.blobs(), new PackageFileLock(), dataDir.resolve("tmp/uploads"), Duration.ofMinutes(1), clock);
    }
}
