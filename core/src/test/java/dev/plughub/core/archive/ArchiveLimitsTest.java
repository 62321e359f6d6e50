package dev.plughub.core.archive;

import static dev.plughub.core.archive.PackageReaderTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.plughub.core.PackageRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounds are checked while reading: bombs are stopped early, in bounded time, never inflated in full. */
class ArchiveLimitsTest {

    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** The big inputs are built once, outside the timed reads. */
    @TempDir
    static Path inputs;
    static Path zipBomb;
    static Path tarBomb;
    static Path manyTarEntries;
    static Path manyZipEntries;

    final PackageReader reader = new PackageReader(PackageReaderTest.LIMITS);

    @BeforeAll
    static void buildBigInputs() {
        zipBomb = TestArchives.zipBomb(inputs.resolve("bomb.zip"), 200 * ArchiveLimits.MB);
        tarBomb = TestArchives.tarBomb(inputs.resolve("bomb.tar.gz"), 200 * ArchiveLimits.MB);
        manyTarEntries = TestArchives.tarOfManyEntries(inputs.resolve("many.tar.gz"), 100_000);
        manyZipEntries = TestArchives.zipOfManyEntries(inputs.resolve("many.zip"), 100_000);
    }

    @Test
    void stops_a_zip_bomb_at_the_compression_ratio() throws Exception {
        Path bomb = zipBomb;
        assertThat(Files.size(bomb)).isLessThan(ArchiveLimits.MB);

        assertTimeoutPreemptively(QUICKLY, () ->
                assertRefused(() -> reader.read(bomb, Optional.empty()), PackageRules.COMPRESSION_RATIO_EXCEEDED));
    }

    @Test
    void stops_a_tar_gz_bomb_at_the_compression_ratio() {
        Path bomb = tarBomb;

        assertTimeoutPreemptively(QUICKLY, () ->
                assertRefused(() -> reader.read(bomb, Optional.empty()), PackageRules.COMPRESSION_RATIO_EXCEEDED));
    }

    @Test
    void stops_a_tar_of_100000_entries_at_the_entry_limit() {
        Path many = manyTarEntries;

        assertTimeoutPreemptively(QUICKLY, () ->
                assertRefused(() -> reader.read(many, Optional.empty()), PackageRules.TOO_MANY_ENTRIES)
                        .hasMessageContaining(String.valueOf(PackageReaderTest.LIMITS.maxEntries())));
    }

    @Test
    void stops_a_zip_of_100000_entries_before_opening_it() {
        Path many = manyZipEntries;

        assertTimeoutPreemptively(QUICKLY, () ->
                assertRefused(() -> reader.read(many, Optional.empty()), PackageRules.TOO_MANY_ENTRIES));
    }

    @Test
    void refuses_an_entry_that_expands_past_its_limit() {
        // A generous ratio, so that the entry limit is the one crossed.
        ArchiveLimits limits = new ArchiveLimits(10 * ArchiveLimits.MB, 100 * ArchiveLimits.MB, 100, 2 * ArchiveLimits.MB,
                100_000, 8, 200, 10_000);
        Path archive = TestArchives.zipBomb(dir.resolve("big.zip"), 3 * ArchiveLimits.MB);

        assertRefused(() -> new PackageReader(limits).read(archive, Optional.empty()), PackageRules.ENTRY_TOO_LARGE);
    }

    @Test
    void refuses_a_declared_size_past_the_entry_limit_without_reading() {
        ArchiveLimits limits = new ArchiveLimits(10 * ArchiveLimits.MB, 100 * ArchiveLimits.MB, 100, 1000, 100_000, 8, 200, 10_000);
        Path archive = TestArchives.tarGz(dir.resolve("p.tar.gz")).entry("big.bin", new byte[2000]).build();

        assertRefused(() -> new PackageReader(limits).read(archive, Optional.empty()), PackageRules.ENTRY_TOO_LARGE);
    }

    @Test
    void refuses_entries_that_together_expand_past_the_total() {
        ArchiveLimits limits = new ArchiveLimits(10 * ArchiveLimits.MB, 5 * ArchiveLimits.MB, 100, 2 * ArchiveLimits.MB,
                100_000, 8, 200, 10_000);
        TestArchives.ZipBuilder builder = TestArchives.zip(dir.resolve("p.zip"));
        for (int i = 0; i < 4; i++) {
            builder.entry("part" + i, new byte[(int) (1.5 * ArchiveLimits.MB)]);
        }
        Path archive = builder.build();

        assertRefused(() -> new PackageReader(limits).read(archive, Optional.empty()), PackageRules.EXPANDED_TOO_LARGE);
    }

    @Test
    void lets_a_small_package_compress_well() {
        Path archive = TestArchives.zip(dir.resolve("p.zip"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("padding.txt", " ".repeat(500_000))
                .build();

        assertThat(reader.read(archive, Optional.empty()).uncompressedSize()).isGreaterThan(500_000);
    }

    @Test
    void derives_its_limits_from_the_package_size() {
        ArchiveLimits limits = ArchiveLimits.forPackageSize(100 * ArchiveLimits.MB);

        assertThat(limits.maxUncompressedBytes()).isEqualTo(1000 * ArchiveLimits.MB);
        assertThat(limits.maxExpansionOf(1000)).isEqualTo(ArchiveLimits.RATIO_EXEMPT_BYTES);
        assertThat(limits.maxExpansionOf(10 * ArchiveLimits.MB)).isEqualTo(2000 * ArchiveLimits.MB);
        assertThat(limits.maxExpansionOf(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }
}
