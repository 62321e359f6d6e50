package dev.plughub.core.archive;

import static dev.plughub.core.archive.PackageReaderTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.PackageRules;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryRulesTest {

    @TempDir
    Path dir;

    final PackageReader reader = new PackageReader(PackageReaderTest.LIMITS);

    private Path zipWith(String name) {
        return TestArchives.zip(dir.resolve("p.zip"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry(name, "x")
                .build();
    }

    private Path tarWith(String name) {
        return TestArchives.tarGz(dir.resolve("p.tar.gz"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry(name, "x")
                .build();
    }

    @Test
    void rejects_a_zip_entry_that_escapes_the_root() {
        assertRefused(() -> reader.read(zipWith("../evil.sh"), Optional.empty()), PackageRules.ENTRY_NAME_UNSAFE)
                .hasMessageContaining("..");
    }

    @Test
    void rejects_a_tar_entry_that_escapes_the_root() {
        assertRefused(() -> reader.read(tarWith("lib/../../evil.sh"), Optional.empty()), PackageRules.ENTRY_NAME_UNSAFE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "C:/Windows/evil.dll", "C:evil", "a//b", "a/./b", "a\nb", "file.txt:stream"})
    void rejects_unsafe_zip_entry_names(String name) {
        assertRefused(() -> reader.read(zipWith(name), Optional.empty()), PackageRules.ENTRY_NAME_UNSAFE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lib\\evil.dll", "..\\evil.dll", "a\u0000b"})
    void rejects_backslashes_and_nul_as_stored_in_a_zip(String name) {
        Path archive = TestArchives.jdkZip(dir.resolve("raw.zip"),
                java.util.Map.of("plugin.json", TestArchives.pluginJson("p", "1.0.0"), name, "x"));

        assertRefused(() -> reader.read(archive, Optional.empty()), PackageRules.ENTRY_NAME_UNSAFE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "C:/evil", "a\\b", "x/../../y"})
    void rejects_unsafe_tar_entry_names(String name) {
        assertRefused(() -> reader.read(tarWith(name), Optional.empty()), PackageRules.ENTRY_NAME_UNSAFE);
    }

    @Test
    void rejects_a_zip_symlink() {
        Path archive = TestArchives.zip(dir.resolve("p.zip"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .symlink("lib/passwd", "/etc/passwd")
                .build();

        assertRefused(() -> reader.read(archive, Optional.empty()), PackageRules.ENTRY_IS_LINK);
    }

    @Test
    void rejects_tar_symlinks_and_hard_links() {
        Path symlink = TestArchives.tarGz(dir.resolve("s.tar.gz"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .symlink("lib", "/")
                .build();
        Path hardlink = TestArchives.tarGz(dir.resolve("h.tar.gz"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .hardlink("copy.json", "plugin.json")
                .build();

        assertRefused(() -> reader.read(symlink, Optional.empty()), PackageRules.ENTRY_IS_LINK).hasMessageContaining("symbolic");
        assertRefused(() -> reader.read(hardlink, Optional.empty()), PackageRules.ENTRY_IS_LINK).hasMessageContaining("hard");
    }

    @Test
    void rejects_a_fifo_in_a_tar() {
        Path archive = TestArchives.tarGz(dir.resolve("p.tar.gz"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .fifo("pipe")
                .build();

        assertRefused(() -> reader.read(archive, Optional.empty()), PackageRules.ENTRY_TYPE_UNSUPPORTED);
    }

    @Test
    void rejects_two_entries_that_land_on_the_same_file() {
        Path sameName = TestArchives.tarGz(dir.resolve("a.tar.gz"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("lib/a.txt", "1")
                .entry("lib/a.txt", "2")
                .build();
        Path caseOnly = TestArchives.zip(dir.resolve("b.zip"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("README.md", "1")
                .entry("readme.md", "2")
                .build();
        Path fileAndFolder = TestArchives.tarGz(dir.resolve("c.tar.gz"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("lib", "a file")
                .entry("lib/inner.txt", "in a folder of the same name")
                .build();

        assertRefused(() -> reader.read(sameName, Optional.empty()), PackageRules.ENTRY_NAME_UNSAFE).hasMessageContaining("twice");
        assertRefused(() -> reader.read(caseOnly, Optional.empty()), PackageRules.ENTRY_NAME_UNSAFE);
        assertRefused(() -> reader.read(fileAndFolder, Optional.empty()), PackageRules.ENTRY_NAME_UNSAFE);
    }

    @Test
    void rejects_names_longer_or_deeper_than_the_limits() {
        ArchiveLimits limits = new ArchiveLimits(10 * ArchiveLimits.MB, 10 * ArchiveLimits.MB, 100, ArchiveLimits.MB, 100, 4, 60, 10_000);
        PackageReader strict = new PackageReader(limits);

        assertRefused(() -> strict.read(tarWith("x".repeat(61)), Optional.empty()), PackageRules.ENTRY_NAME_TOO_LONG);
        assertRefused(() -> strict.read(zipWith("a/b/c/d/e.txt"), Optional.empty()), PackageRules.ENTRY_TOO_DEEP);
        assertThat(strict.read(zipWith("a/b/c/d.txt"), Optional.empty()).entryCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip", "tar.gz"})
    void rejects_a_file_or_folder_name_longer_than_255_utf8_bytes(String format) {
        String cjk = "插".repeat(100) + ".txt";   // 104 characters, 304 bytes
        for (String name : new String[] {"n".repeat(256), cjk, "lib/" + cjk, "x".repeat(256) + "/a.txt"}) {
            Path archive = format.equals("zip") ? zipWith(name) : tarWith(name);

            assertRefused(() -> reader.read(archive, Optional.empty()), PackageRules.ENTRY_NAME_TOO_LONG)
                    .hasMessageContaining("at most 255 bytes");
        }
    }

    @Test
    void accepts_and_extracts_file_names_of_exactly_255_utf8_bytes() {
        String ascii = "n".repeat(255);
        String cjk = "插".repeat(84) + ".txt";   // 252 + 4 = 256 bytes, one too many
        String fits = "插".repeat(83) + ".txt";   // 249 + 4 = 253 bytes
        Path archive = TestArchives.zip(dir.resolve("ok.zip"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("a/" + ascii, "x")
                .entry("b/" + fits, "y")
                .build();
        Path target = dir.resolve("out");

        reader.extract(archive, reader.read(archive, Optional.empty()).format(), target);

        assertThat(target.resolve("a").resolve(ascii)).hasContent("x");
        assertThat(target.resolve("b").resolve(fits)).hasContent("y");
        assertRefused(() -> reader.read(zipWith(cjk), Optional.empty()), PackageRules.ENTRY_NAME_TOO_LONG)
                .hasMessageContaining("256 UTF-8 bytes");
    }

    @Test
    void rejects_a_huge_gnu_long_name_before_buffering_it() {
        Path archive = TestArchives.tarGz(dir.resolve("p.tar.gz"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("d/".repeat(5000) + "f", "x")
                .build();

        assertRefused(() -> reader.read(archive, Optional.empty()), PackageRules.ENTRY_NAME_TOO_LONG);
    }

    @Test
    void accepts_unicode_names() {
        Path archive = TestArchives.zip(dir.resolve("p.zip"))
                .entry("插件/plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("插件/données/ünïcødé 🚀.txt", "x")
                .build();

        assertThat(reader.read(archive, Optional.empty()).manifestPath()).isEqualTo("插件/plugin.json");
    }
}
