package dev.plughub.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Fuzzes the package reader with Jazzer. Under {@code mvn verify} this runs in regression mode: each
 * input under {@code src/test/resources/dev/plughub/core/archive/PackageReaderFuzzTestInputs/<method>/}
 * is replayed. Fuzz for real with {@code JAZZER_FUZZ=1 ./mvnw -pl core test -Dtest=PackageReaderFuzzTest}.
 */
class PackageReaderFuzzTest {

    private static final PackageReader READER = new PackageReader(
            new ArchiveLimits(ArchiveLimits.MB, 8 * ArchiveLimits.MB, 200, 4 * ArchiveLimits.MB, 100, 8, 256, 64 * 1024));

    @FuzzTest(maxDuration = "60s")
    void reading_any_bytes_throws_only_package_exceptions(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            Path file = Files.write(dir.resolve("input"), data);
            readOrRefuse(() -> READER.read(file, Optional.of("input.zip")));
            readOrRefuse(() -> READER.extract(file, PackageFormat.ZIP, dir.resolve("zip")));
            readOrRefuse(() -> READER.extract(file, PackageFormat.TAR_GZ, dir.resolve("tar")));
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    static void readOrRefuse(Runnable call) {
        try {
            call.run();
        } catch (PackageException refused) {
            assertThat(PackageRules.ALL).contains(refused.rule());
        }
    }
}
