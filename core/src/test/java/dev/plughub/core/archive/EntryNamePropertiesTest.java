package dev.plughub.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever the names in a package, what the reader accepts can be extracted: a name with a file or
 * folder name over {@link ArchiveLimits#MAX_SEGMENT_BYTES} UTF-8 bytes is refused at reading
 * ({@code ENTRY_NAME_TOO_LONG}), and every other name lands on disk — never a file-system error.
 */
class EntryNamePropertiesTest {

    private static Path dir;
    private final PackageReader reader = new PackageReader(ArchiveLimits.forPackageSize(ArchiveLimits.MB));

    @BeforeContainer
    static void createFolder() throws IOException {
        dir = Files.createTempDirectory("entry-names");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Property(tries = 150)
    void an_accepted_name_can_be_extracted_and_a_too_long_one_is_refused(@ForAll("names") List<String> segments,
                                                                       @ForAll boolean tar) throws IOException {
        String name = "data/" + String.join("/", segments);
        Path work = Files.createTempDirectory(dir, "case");
        Path archive = tar
                ? TestArchives.tarGz(work.resolve("p.tar.gz")).entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                        .entry(name, "content").build()
                : TestArchives.zip(work.resolve("p.zip")).entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                        .entry(name, "content").build();
        boolean tooLong = segments.stream()
                .anyMatch(s -> s.getBytes(StandardCharsets.UTF_8).length > ArchiveLimits.MAX_SEGMENT_BYTES);

        if (tooLong) {
            assertThatThrownBy(() -> reader.read(archive, Optional.empty()))
                    .isInstanceOf(PackageException.class)
                    .satisfies(e -> assertThat(((PackageException) e).rule()).isEqualTo(PackageRules.ENTRY_NAME_TOO_LONG));
            assertThatThrownBy(() -> reader.extract(archive, tar ? PackageFormat.TAR_GZ : PackageFormat.ZIP, work.resolve("out")))
                    .isInstanceOf(PackageException.class);
            assertThat(work.resolve("out")).doesNotExist();
        } else {
            PackageFormat format = reader.read(archive, Optional.empty()).format();
            reader.extract(archive, format, work.resolve("out"));
            assertThat(work.resolve("out").resolve(name)).hasContent("content");
        }
    }

    /** One to three file or folder names of letters from several scripts: 1 to 4 UTF-8 bytes a character. */
    @Provide
    Arbitrary<List<String>> names() {
        Arbitrary<String> character = Arbitraries.oneOf(
                Arbitraries.chars().range('a', 'z').map(String::valueOf),
                Arbitraries.chars().range('\u00e0', '\u00ff').map(String::valueOf),     // 2 bytes
                Arbitraries.chars().range('\u4e00', '\u9fa5').map(String::valueOf),     // 3 bytes
                Arbitraries.integers().between(0x1F600, 0x1F64F).map(Character::toString));   // 4 bytes
        Arbitrary<String> segment = character.list().ofMinSize(1).ofMaxSize(130).map(chars -> String.join("", chars));
        return segment.list().ofMinSize(1).ofMaxSize(3);
    }
}
