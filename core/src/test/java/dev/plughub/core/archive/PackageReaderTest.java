package dev.plughub.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import dev.plughub.core.checksum.Sha256;
import dev.plughub.core.manifest.ManifestFormat;
import dev.plughub.core.manifest.PluginDependency;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageReaderTest {

    static final ArchiveLimits LIMITS = ArchiveLimits.forPackageSize(100 * ArchiveLimits.MB);

    @TempDir
    Path dir;

    final PackageReader reader = new PackageReader(LIMITS);

    @Test
    void reads_seed_001s_tar_gz_with_plugin_json_at_the_root() throws Exception {
        Path archive = TestArchives.tarGz(dir.resolve("plugin.tar.gz"))
                .entry("plugin.json", """
                        {
                          "id": "my_awesome_plugin",
                          "name": "My Awesome Plugin",
                          "version": "1.0.0",
                          "description": "A plugin that does awesome things",
                          "author": "Plugin Developer",
                          "license": "MIT",
                          "min_geektools_version": "1.0.0",
                          "homepage_url": "https://github.com/user/plugin",
                          "repository_url": "https://github.com/user/plugin",
                          "tags": ["utility", "productivity"],
                          "main_script": "src/main.py",
                          "dependencies": ["requests", "numpy"],
                          "permissions": ["network", "filesystem"]
                        }
                        """)
                .entry("README.md", "# hi")
                .directory("src")
                .entry("src/main.py", "print('hi')")
                .entry("requirements.txt", "requests\nnumpy\n")
                .build();

        PluginPackage pkg = reader.read(archive, Optional.of("plugin.tar.gz"));

        assertThat(pkg.format()).isEqualTo(PackageFormat.TAR_GZ);
        assertThat(pkg.manifestPath()).isEqualTo("plugin.json");
        assertThat(pkg.manifest().id()).isEqualTo("my_awesome_plugin");
        assertThat(pkg.manifest().version()).hasToString("1.0.0");
        assertThat(pkg.manifest().hostVersionRequirement()).contains(">=1.0.0");
        assertThat(pkg.manifest().packageDependencies()).containsEntry("requests", "*").containsEntry("numpy", "*");
        assertThat(pkg.manifest().permissions()).containsExactly("network", "filesystem");
        assertThat(pkg.manifest().extra()).containsEntry("main_script", "src/main.py");
        assertThat(pkg.size()).isEqualTo(Files.size(archive));
        assertThat(pkg.sha256()).isEqualTo(Sha256.of(archive)).matches("[0-9a-f]{64}");
        assertThat(pkg.prefixedSha256()).isEqualTo("sha256:" + pkg.sha256());
        assertThat(pkg.entryCount()).isEqualTo(5);
        assertThat(pkg.uncompressedSize()).isGreaterThan(300);
    }

    @Test
    void reads_seed_000s_zip_with_manifest_py_in_a_top_folder() {
        Path archive = TestArchives.zip(dir.resolve("my-plugin.zip"))
                .directory("my-plugin")
                .entry("my-plugin/__init__.py", "")
                .entry("my-plugin/manifest.py", """
                        PLUGIN_NAME = "my_plugin"
                        PLUGIN_VERSION = "1.0.0"
                        PLUGIN_DESCRIPTION = "My awesome plugin"
                        PLUGIN_AUTHOR = "Your Name"
                        PLUGIN_HOMEPAGE = "https://example.com"
                        PLUGIN_LICENSE = "MIT"
                        PLUGIN_TAGS = ("network", "scanner")
                        PLUGIN_CAPABILITIES = ("exec.my_plugin.action",)
                        """)
                .entry("my-plugin/ui.yaml", "title: x")
                .build();

        PluginPackage pkg = reader.read(archive, Optional.of("my-plugin.zip"));

        assertThat(pkg.format()).isEqualTo(PackageFormat.ZIP);
        assertThat(pkg.manifestPath()).isEqualTo("my-plugin/manifest.py");
        assertThat(pkg.manifest().format()).isEqualTo(ManifestFormat.MANIFEST_PY);
        assertThat(pkg.manifest().id()).isEqualTo("my_plugin");
        assertThat(pkg.manifest().homepageUrl()).contains("https://example.com");
        assertThat(pkg.manifest().tags()).containsExactly("network", "scanner");
        assertThat(pkg.manifest().capabilities()).containsExactly("exec.my_plugin.action");
    }

    @Test
    void reads_a_pf4j_jar_by_its_manifest_even_without_the_jar_name() {
        Path archive = TestArchives.zip(dir.resolve("upload.bin"))
                .entry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nPlugin-Id: welcome-plugin\r\nPlugin-Version: 0.0.1\r\n"
                        + "Plugin-Class: org.pf4j.demo.WelcomePlugin\r\nPlugin-Provider: Decebal Suiu\r\n"
                        + "Plugin-Dependencies: hello-plugin@>=1.0.0 & <2.0.0, optional-plugin?\r\n\r\n"
                        + "Name: org/pf4j/demo/WelcomePlugin.class\r\nSHA-256-Digest: abc\r\n")
                .entry("org/pf4j/demo/WelcomePlugin.class", new byte[] {(byte) 0xCA, (byte) 0xFE})
                .build();

        PluginPackage pkg = reader.read(archive, Optional.empty());

        assertThat(pkg.format()).isEqualTo(PackageFormat.JAR);
        assertThat(pkg.manifest().id()).isEqualTo("welcome-plugin");
        assertThat(pkg.manifest().name()).isEqualTo("welcome-plugin");
        assertThat(pkg.manifest().runtime()).contains("java");
        assertThat(pkg.manifest().entryPoint()).contains("org.pf4j.demo.WelcomePlugin");
        assertThat(pkg.manifest().author()).contains("Decebal Suiu");
        assertThat(pkg.manifest().pluginDependencies()).containsExactly(
                new PluginDependency("hello-plugin", ">=1.0.0 <2.0.0", false),
                new PluginDependency("optional-plugin", "*", true));
    }

    @Test
    void calls_a_zip_named_jar_a_jar() {
        Path archive = TestArchives.zip(dir.resolve("x.jar")).entry("plugin.json", TestArchives.pluginJson("x", "1.0.0")).build();

        assertThat(reader.read(archive, Optional.of("x.JAR")).format()).isEqualTo(PackageFormat.JAR);
        assertThat(reader.read(archive, Optional.of("x.zip")).format()).isEqualTo(PackageFormat.ZIP);
    }

    @Test
    void ignores_a_jar_manifest_without_plugin_id() {
        Path archive = TestArchives.zip(dir.resolve("p.jar"))
                .entry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nCreated-By: javac\n")
                .entry("plugin.properties", "plugin.id=props-plugin\nplugin.version=2.1.0\nplugin.class=a.B\n")
                .build();

        PluginPackage pkg = reader.read(archive, Optional.of("p.jar"));

        assertThat(pkg.manifestPath()).isEqualTo("plugin.properties");
        assertThat(pkg.manifest().id()).isEqualTo("props-plugin");
    }

    @Test
    void reads_plugin_yaml() {
        Path archive = TestArchives.tarGz(dir.resolve("p.tgz"))
                .entry("p/plugin.yaml", "id: yaml-plugin\nname: YAML plugin\nversion: 2.0.0-rc.1\ntags: [a, b]\n")
                .build();

        assertThat(reader.read(archive, Optional.of("p.tgz")).manifest().version()).hasToString("2.0.0-rc.1");
    }

    @Test
    void prefers_plugin_json_over_the_other_manifests() {
        Path archive = TestArchives.zip(dir.resolve("p.zip"))
                .entry("manifest.py", "PLUGIN_NAME = 'from_python'\nPLUGIN_VERSION = '1.0.0'\n")
                .entry("pkg/plugin.json", TestArchives.pluginJson("from-json", "1.0.0"))
                .build();

        assertThat(reader.read(archive, Optional.empty()).manifest().id()).isEqualTo("from-json");
    }

    @Test
    void accepts_tar_names_that_start_with_dot_slash() {
        Path archive = TestArchives.tarGz(dir.resolve("p.tar.gz"))
                .directory("./")
                .entry("./plugin.json", TestArchives.pluginJson("dotted", "1.0.0"))
                .build();

        assertThat(reader.read(archive, Optional.empty()).manifestPath()).isEqualTo("plugin.json");
    }

    @Test
    void keeps_a_nested_archive_as_a_plain_file() {
        Path inner = TestArchives.zip(dir.resolve("inner.zip")).entry("../evil", "x").build();
        Path archive = TestArchives.zip(dir.resolve("outer.zip"))
                .entry("plugin.json", TestArchives.pluginJson("outer", "1.0.0"))
                .entry("lib/inner.zip", readAll(inner))
                .build();

        PluginPackage pkg = reader.read(archive, Optional.empty());

        assertThat(pkg.entryCount()).isEqualTo(2);
        assertThat(pkg.uncompressedSize()).isGreaterThanOrEqualTo(readAll(inner).length);
    }

    @Test
    void refuses_a_file_that_is_not_an_archive_naming_the_formats_taken() throws Exception {
        Path text = Files.writeString(dir.resolve("plugin.zip"), "just text, not a zip");

        assertRefused(() -> reader.read(text, Optional.of("plugin.zip")), PackageRules.NOT_AN_ARCHIVE)
                .hasMessageContaining(PackageFormat.ACCEPTED);
        assertRefused(() -> reader.read(Files.write(dir.resolve("empty"), new byte[0]), Optional.empty()), PackageRules.NOT_AN_ARCHIVE);
    }

    @Test
    void an_uncompressed_tar_is_refused_without_being_called_no_archive() throws Exception {
        Path tar = dir.resolve("plugin.tar");
        byte[] manifest = "{\"id\": \"plain-tar\", \"name\": \"Plain\", \"version\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            TarArchiveEntry entry = new TarArchiveEntry("plugin.json");
            entry.setSize(manifest.length);
            out.putArchiveEntry(entry);
            out.write(manifest);
            out.closeArchiveEntry();
        }

        assertRefused(() -> reader.read(tar, Optional.of("plugin.tar")), PackageRules.NOT_AN_ARCHIVE)
                .hasMessageContaining("gzip-compressed").hasMessageContaining(PackageFormat.ACCEPTED)
                .hasMessageNotContaining("not an archive");
    }

    @Test
    void refuses_a_package_over_the_size_limit_before_reading_it() {
        Path archive = TestArchives.zip(dir.resolve("p.zip")).entry("plugin.json", TestArchives.pluginJson("p", "1.0.0")).build();
        PackageReader small = new PackageReader(new ArchiveLimits(100, 10_000, 10, 10_000, 100, 8, 100, 1000));

        assertRefused(() -> small.read(archive, Optional.empty()), PackageRules.PACKAGE_TOO_LARGE);
    }

    @Test
    void refuses_an_empty_zip_for_its_missing_manifest() throws Exception {
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

        assertRefused(() -> reader.read(empty, Optional.empty()), PackageRules.MANIFEST_MISSING);
    }

    @Test
    void refuses_a_package_without_a_manifest_at_the_root_or_one_folder_down() {
        Path archive = TestArchives.zip(dir.resolve("p.zip")).entry("a/b/plugin.json", TestArchives.pluginJson("p", "1.0.0")).build();

        assertRefused(() -> reader.read(archive, Optional.empty()), PackageRules.MANIFEST_MISSING)
                .hasMessageContaining("plugin.json");
    }

    @Test
    void refuses_two_manifests_of_the_winning_kind() {
        Path rootAndFolder = TestArchives.zip(dir.resolve("a.zip"))
                .entry("plugin.json", TestArchives.pluginJson("a", "1.0.0"))
                .entry("other/plugin.json", TestArchives.pluginJson("b", "1.0.0"))
                .build();
        Path twoFolders = TestArchives.tarGz(dir.resolve("b.tar.gz"))
                .entry("one/manifest.py", "PLUGIN_NAME='a'\nPLUGIN_VERSION='1.0.0'\n")
                .entry("two/manifest.py", "PLUGIN_NAME='b'\nPLUGIN_VERSION='1.0.0'\n")
                .build();

        assertRefused(() -> reader.read(rootAndFolder, Optional.empty()), PackageRules.MANIFEST_AMBIGUOUS)
                .hasMessageContaining("other/plugin.json");
        assertRefused(() -> reader.read(twoFolders, Optional.empty()), PackageRules.MANIFEST_AMBIGUOUS);
    }

    @Test
    void refuses_a_manifest_over_its_size_limit() {
        PackageReader strict = new PackageReader(new ArchiveLimits(LIMITS.maxPackageBytes(), LIMITS.maxUncompressedBytes(),
                100, LIMITS.maxEntryBytes(), 200, 8, 200, 64));
        Path archive = TestArchives.zip(dir.resolve("p.zip")).entry("plugin.json", TestArchives.pluginJson("p", "1.0.0") + " ".repeat(100)).build();

        assertRefused(() -> strict.read(archive, Optional.empty()), PackageRules.MANIFEST_TOO_LARGE);
    }

    @Test
    void reports_an_unparseable_manifest_as_unreadable() {
        Path archive = TestArchives.zip(dir.resolve("p.zip")).entry("plugin.json", "{\"id\": ").build();

        assertRefused(() -> reader.read(archive, Optional.empty()), PackageRules.MANIFEST_UNREADABLE);
    }

    @Test
    void reports_every_invalid_manifest_field() {
        Path archive = TestArchives.tarGz(dir.resolve("p.tar.gz"))
                .entry("plugin.json", "{\"id\": \"../x\", \"name\": \"n\", \"version\": 1, \"tags\": \"x\"}")
                .build();

        PackageException refusal = catchRefusal(() -> reader.read(archive, Optional.empty()));

        assertThat(refusal.rule()).isEqualTo(PackageRules.MANIFEST_INVALID);
        assertThat(refusal.fieldErrors()).containsOnlyKeys("id", "version", "tags");
        assertThat(refusal.getMessage()).startsWith("The manifest is invalid: ");
    }

    @Test
    void refuses_a_truncated_zip() {
        Path archive = TestArchives.zip(dir.resolve("p.zip"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("data.txt", "some content ".repeat(100))
                .build();

        assertRefused(() -> reader.read(TestArchives.truncated(archive, 200), Optional.empty()), PackageRules.ARCHIVE_CORRUPT);
    }

    @Test
    void refuses_a_truncated_tar_gz() {
        Path archive = TestArchives.tarGz(dir.resolve("p.tar.gz"))
                .entry("plugin.json", TestArchives.pluginJson("p", "1.0.0"))
                .entry("data.bin", randomBytes(20_000))
                .build();

        assertRefused(() -> reader.read(TestArchives.truncated(archive, 5_000), Optional.empty()), PackageRules.ARCHIVE_CORRUPT);
        assertRefused(() -> reader.read(TestArchives.truncated(archive, 3), Optional.empty()), PackageRules.ARCHIVE_CORRUPT);
    }

    @Test
    void refuses_a_gzip_that_does_not_hold_a_tar() throws Exception {
        Path gzip = dir.resolve("x.tar.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write("not a tar archive at all, just some words".repeat(20).getBytes(StandardCharsets.UTF_8));
        }

        assertRefused(() -> reader.read(gzip, Optional.empty()), PackageRules.ARCHIVE_CORRUPT);
    }

    @Test
    void a_gzip_of_a_bare_manifest_is_not_called_a_package_without_a_manifest() throws Exception {
        Path gzip = dir.resolve("plugin.tar.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write("{\"id\": \"bare\", \"name\": \"Bare\", \"version\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }

        assertRefused(() -> reader.read(gzip, Optional.empty()), PackageRules.ARCHIVE_CORRUPT)
                .hasMessageContaining("not a tar archive");
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new java.util.Random(42).nextBytes(bytes);
        return bytes;
    }

    static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static PackageException catchRefusal(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(PackageException.class);
        return (PackageException) thrown;
    }

    static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ThrowingCallable call, String rule) {
        return assertThatThrownBy(call)
                .isInstanceOf(PackageException.class)
                .satisfies(e -> assertThat(((PackageException) e).rule()).isEqualTo(rule));
    }

    @Test
    void reads_a_zip64_archive_with_a_comment() throws Exception {
        Path archive = dir.resolve("zip64.zip");
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(archive)) {
            zip.setUseZip64(org.apache.commons.compress.archivers.zip.Zip64Mode.Always);
            zip.setComment("an archive comment");
            for (String name : new String[] {"plugin.json", "lib/a.txt"}) {
                zip.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(name));
                zip.write((name.equals("plugin.json") ? TestArchives.pluginJson("z64", "1.0.0") : "a").getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }

        PluginPackage pkg = reader.read(archive, Optional.empty());

        assertThat(pkg.manifest().id()).isEqualTo("z64");
        assertThat(pkg.entryCount()).isEqualTo(2);
    }

    @Test
    void reads_a_zip_written_by_the_jdk() {
        Path archive = TestArchives.jdkZip(dir.resolve("jdk.zip"), java.util.Map.of("p/plugin.json", TestArchives.pluginJson("jdk", "1.0.0")));

        assertThat(reader.read(archive, Optional.empty()).manifest().id()).isEqualTo("jdk");
    }

    @Test
    void trusts_the_content_over_the_file_name() {
        Path tarNamedZip = TestArchives.tarGz(dir.resolve("really-a-tar.zip")).entry("plugin.json", TestArchives.pluginJson("t", "1.0.0")).build();

        assertThat(reader.read(tarNamedZip, Optional.of("really-a-tar.zip")).format()).isEqualTo(PackageFormat.TAR_GZ);
    }

    @Test
    void refuses_a_zip_whose_comment_fakes_an_end_record() throws Exception {
        Path archive = dir.resolve("fake-end.zip");
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(archive)) {
            zip.setComment("PK\u0005\u0006 and enough bytes after it to look like an end of central directory record");
            zip.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("plugin.json"));
            zip.write(TestArchives.pluginJson("p", "1.0.0").getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }

        assertRefused(() -> reader.read(archive, Optional.empty()), PackageRules.ARCHIVE_CORRUPT);
    }
}
