package dev.plughub.registry.downloads;

import static org.assertj.core.api.Assertions.assertThat;

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
    void removes_old_unreferenced_files_and_keeps_referenced_and_young_ones() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("swept");
            ServedVersion live = catalog.version("swept", "1.0.0", "live".getBytes(), "zip");
            ServedVersion deleted = catalog.version("swept", "2.0.0", "deleted".getBytes(), "zip");
            catalog.deleteVersion("swept", "2.0.0");
            String oldOrphan = blob(catalog, "written before a crash");
            String youngOrphan = blob(catalog, "a publish in flight elsewhere");
            Instant now = Instant.now();
            age(catalog, live.sha256(), now.minus(Duration.ofHours(1)));
            age(catalog, deleted.sha256(), now.minus(Duration.ofHours(1)));
            age(catalog, oldOrphan, now.minus(Duration.ofMinutes(2)));

            OrphanSweeper.Result result = new OrphanSweeper(catalog.db(), catalog.blobs(), dataDir.resolve("tmp/uploads"),
                    Duration.ofMinutes(1), Clock.systemUTC()).sweep();

            assertThat(result.blobsRemoved()).isEqualTo(2);
            assertThat(result.youngOrphansKept()).isEqualTo(1);
            assertThat(catalog.blobs().exists(live.sha256())).isTrue();
            assertThat(catalog.blobs().exists(youngOrphan)).isTrue();
            assertThat(catalog.blobs().exists(oldOrphan)).isFalse();
            assertThat(catalog.blobs().exists(deleted.sha256())).isFalse();
        }
    }

    @Test
    void empties_the_upload_folder_but_keeps_it() throws Exception {
        Path uploads = Files.createDirectories(dataDir.resolve("tmp/uploads"));
        Files.writeString(uploads.resolve("MultiPart123.tmp"), "half an upload");
        Files.writeString(Files.createDirectories(uploads.resolve("nested")).resolve("part"), "more");
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            OrphanSweeper.Result result = new OrphanSweeper(catalog.db(), catalog.blobs(), uploads,
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
            OrphanSweeper.Result result = new OrphanSweeper(catalog.db(), catalog.blobs(), dataDir.resolve("nowhere"),
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

    private static void age(CatalogFixture catalog, String sha, Instant writtenAt) throws Exception {
        Files.setLastModifiedTime(catalog.blobs().localFile(sha).orElseThrow(), FileTime.from(writtenAt));
    }
}
