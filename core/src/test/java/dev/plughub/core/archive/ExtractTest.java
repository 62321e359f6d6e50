package dev.plughub.core.archive;

import static dev.plughub.core.archive.PackageReaderTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.core.PackageRules;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractTest {

    @TempDir
    Path dir;

    final PackageReader reader = new PackageReader(PackageReaderTest.LIMITS);

    @Test
    void extracts_every_file_and_folder_into_the_target() throws Exception {
        Path archive = TestArchives.tarGz(dir.resolve("p.tar.gz"))
                .entry("./plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .directory("assets/empty")
                .entry("src/main.py", "print('hi')")
                .executable("bin/run.sh", "#!/bin/sh\necho hi\n")
                .build();
        PackageFormat format = reader.read(archive, Optional.empty()).format();
        Path target = dir.resolve("installed/p-1.0.0");

        reader.extract(archive, format, target);

        assertThat(target.resolve("plugin.json")).hasContent(TestArchives.pluginJson("p", "1.0.0"));
        assertThat(target.resolve("src/main.py")).hasContent("print('hi')");
        assertThat(target.resolve("assets/empty")).isEmptyDirectory();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(target.resolve("bin/run.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
            assertThat(Files.getPosixFilePermissions(target.resolve("src/main.py"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        }
        assertThat(siblingsOf(target)).containsExactly(target);
    }

    @Test
    void extracts_a_zip_into_an_existing_empty_folder() throws Exception {
        Path archive = TestArchives.zip(dir.resolve("p.zip"))
                .entry("p/plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("p/lib/data.txt", "data")
                .build();
        Path target = Files.createDirectories(dir.resolve("target"));

        reader.extract(archive, PackageFormat.ZIP, target);

        assertThat(target.resolve("p/lib/data.txt")).hasContent("data");
    }

    @Test
    void leaves_nothing_behind_when_an_entry_is_refused() throws Exception {
        Path archive = TestArchives.tarGz(dir.resolve("p.tar.gz"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("a/big-first.txt", "written before the bad entry is seen")
                .symlink("a/link", "/etc/passwd")
                .build();
        Path parent = Files.createDirectories(dir.resolve("plugins"));
        Path target = parent.resolve("p");

        assertRefused(() -> reader.extract(archive, PackageFormat.TAR_GZ, target), PackageRules.ENTRY_IS_LINK);

        assertThat(target).doesNotExist();
        assertThat(parent).isEmptyDirectory();
    }

    @Test
    void leaves_nothing_behind_when_a_bomb_is_stopped() throws Exception {
        Path bomb = TestArchives.zipBomb(dir.resolve("bomb.zip"), 50 * ArchiveLimits.MB);
        Path parent = Files.createDirectories(dir.resolve("plugins"));

        assertRefused(() -> reader.extract(bomb, PackageFormat.ZIP, parent.resolve("p")), PackageRules.COMPRESSION_RATIO_EXCEEDED);

        assertThat(parent).isEmptyDirectory();
    }

    @Test
    void refuses_unsafe_names_again_when_extracting() throws Exception {
        Path archive = TestArchives.zip(dir.resolve("p.zip")).entry("../../escaped.txt", "x").build();
        Path target = dir.resolve("deep/er/target");

        assertRefused(() -> reader.extract(archive, PackageFormat.ZIP, target), PackageRules.ENTRY_NAME_UNSAFE);

        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        assertThat(dir.resolve("deep/escaped.txt")).doesNotExist();
        assertThat(target).doesNotExist();
    }

    @Test
    void refuses_a_file_of_another_format_than_named() {
        Path archive = TestArchives.zip(dir.resolve("p.zip")).entry("plugin.json", "{}").build();

        assertRefused(() -> reader.extract(archive, PackageFormat.TAR_GZ, dir.resolve("t")), PackageRules.NOT_AN_ARCHIVE);
    }

    @Test
    void does_not_overwrite_a_target_that_has_content() throws Exception {
        Path archive = TestArchives.zip(dir.resolve("p.zip")).entry("plugin.json", "{}").build();
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> reader.extract(archive, PackageFormat.ZIP, target)).isInstanceOf(UncheckedIOException.class);

        assertThat(target.resolve("keep.txt")).hasContent("mine");
        assertThat(siblingsOf(target)).containsExactlyInAnyOrder(target, archive);
    }

    private static java.util.List<Path> siblingsOf(Path path) throws Exception {
        try (Stream<Path> children = Files.list(path.getParent())) {
            return children.toList();
        }
    }
}
