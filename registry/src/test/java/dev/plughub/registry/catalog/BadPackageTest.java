package dev.plughub.registry.catalog;

import static dev.plughub.registry.catalog.Publishing.OPERATOR;
import static dev.plughub.registry.catalog.Publishing.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile or broken package of issue 2, published through HTTP: each is a 4xx that names the
 * rule it broke, and leaves no plugin, no version and no package file behind.
 */
class BadPackageTest extends RunningRegistry {

    /** An archive-level refusal: 400 PACKAGE_INVALID with the rule in details and in the message. */
    static Stream<Arguments> archives() {
        return Stream.of(
                archive("zip-slip", "zip-slip", dir -> TestPackages.plugin("zip-slip", "1.0.0").entry("../evil.txt", "x").zip(dir),
                        "ENTRY_NAME_UNSAFE"),
                archive("tar-slip", "tar-slip", dir -> TestPackages.plugin("tar-slip", "1.0.0").entry("a/../../evil.txt", "x").tarGz(dir),
                        "ENTRY_NAME_UNSAFE"),
                archive("absolute path", "absolute", dir -> TestPackages.plugin("absolute", "1.0.0").entry("/etc/evil", "x").tarGz(dir),
                        "ENTRY_NAME_UNSAFE"),
                archive("backslash", "backslash", dir -> TestPackages.plugin("backslash", "1.0.0").entry("..\\evil.txt", "x").zip(dir),
                        "ENTRY_NAME_UNSAFE"),
                archive("file name of 256 bytes", "long-name", dir -> TestPackages.plugin("long-name", "1.0.0")
                        .entry("n".repeat(256), "x").zip(dir), "ENTRY_NAME_TOO_LONG"),
                archive("file name of 304 UTF-8 bytes in a tar", "long-cjk", dir -> TestPackages.plugin("long-cjk", "1.0.0")
                        .entry("docs/" + "插".repeat(100) + ".txt", "x").tarGz(dir), "ENTRY_NAME_TOO_LONG"),
                archive("zip symlink", "zip-link", dir -> TestPackages.plugin("zip-link", "1.0.0").symlink("link", "/etc/passwd").zip(dir),
                        "ENTRY_IS_LINK"),
                archive("tar symlink", "tar-link", dir -> TestPackages.plugin("tar-link", "1.0.0").symlink("link", "/etc/passwd").tarGz(dir),
                        "ENTRY_IS_LINK"),
                archive("tar hard link", "tar-hard", dir -> TestPackages.plugin("tar-hard", "1.0.0").hardLink("link", "README.md").tarGz(dir),
                        "ENTRY_IS_LINK"),
                archive("zip bomb", "zip-bomb", dir -> TestPackages.plugin("zip-bomb", "1.0.0").entry("zeros.bin", 60L << 20, (byte) 0).zip(dir),
                        "COMPRESSION_RATIO_EXCEEDED", "EXPANDED_TOO_LARGE", "ENTRY_TOO_LARGE"),
                archive("tar with 100,000 entries", "many-entries", BadPackageTest::hundredThousandEntries, "TOO_MANY_ENTRIES"),
                archive("truncated zip", "truncated", dir -> truncated(TestPackages.zip(dir, "truncated", "1.0.0")),
                        "ARCHIVE_CORRUPT", "NOT_AN_ARCHIVE"),
                archive("truncated tar.gz", "truncated-tgz", dir -> truncated(TestPackages.plugin("truncated-tgz", "1.0.0")
                        .entry("data.bin", randomBytes(50_000)).tarGz(dir)), "ARCHIVE_CORRUPT", "NOT_AN_ARCHIVE"),
                archive("not an archive", "notes", dir -> write(dir.resolve("notes.zip"), "just some text, not a zip".getBytes()),
                        "NOT_AN_ARCHIVE"),
                archive("empty file", "empty", dir -> write(dir.resolve("empty.zip"), new byte[0]), "NOT_AN_ARCHIVE", "ARCHIVE_CORRUPT"),
                archive("no manifest", "nomanifest", dir -> TestPackages.plugin("nomanifest", "1.0.0").noManifest().zip(dir),
                        "MANIFEST_MISSING"),
                archive("two manifests in two folders", "twomanifests", dir -> twoManifests(dir), "MANIFEST_AMBIGUOUS"),
                archive("manifest that is not JSON", "notjson", dir -> TestPackages.plugin("notjson", "1.0.0")
                        .rawPluginJson("{\"id\": \"notjson\", ").zip(dir), "MANIFEST_UNREADABLE"));
    }

    /** A manifest-level refusal: 422 VALIDATION_FAILED with the messages under the field that is wrong. */
    static Stream<Arguments> manifests() {
        return Stream.of(
                manifest("version of the wrong type", dir -> TestPackages.plugin("wrongtype", "1.0.0").set("version", 1).zip(dir),
                        "wrongtype", "version"),
                manifest("tags of the wrong type", dir -> TestPackages.plugin("wrongtags", "1.0.0").set("tags", "net").zip(dir),
                        "wrongtags", "tags"),
                manifest("invalid version", dir -> TestPackages.zip(dir, "badversion", "1.0"), "badversion", "version"),
                manifest("id with ../", dir -> TestPackages.zip(dir, "../evil", "1.0.0"), "../evil", "id"),
                manifest("id in upper case", dir -> TestPackages.zip(dir, "UpperCase", "1.0.0"), "UpperCase", "id"),
                manifest("id of 300 characters", dir -> TestPackages.zip(dir, "a".repeat(300), "1.0.0"), "a".repeat(300), "id"),
                manifest("missing name", dir -> TestPackages.plugin("noname", "1.0.0").remove("name").set("name", "").zip(dir),
                        "noname", "name"),
                manifest("a homepage that is not a URL", dir -> TestPackages.plugin("badurl", "1.0.0")
                        .set("homepage_url", "javascript:alert(1)").zip(dir), "badurl", "homepage_url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archives")
    void refuses_a_bad_archive_naming_the_rule(String name, String id, Function<Path, Path> build, List<String> rules)
            throws IOException {
        Path dir = Files.createTempDirectory(files, "case");
        Path file = build.apply(dir);
        String sha = TestPackages.sha256(file);

        ApiResponse r = upload(api, file, OPERATOR);

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        JsonNode body = r.json();
        assertThat(body.get("code").asText()).isEqualTo("PACKAGE_INVALID");
        assertThat(body.at("/details/rule").asText()).isIn(rules);
        assertThat(body.get("error").asText()).contains(body.at("/details/rule").asText());
        assertNothingStored(id, sha);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void refuses_a_bad_manifest_with_the_field_errors(String name, Function<Path, Path> build, String id, String field)
            throws IOException {
        Path dir = Files.createTempDirectory(files, "case");
        Path file = build.apply(dir);

        ApiResponse r = upload(api, file, OPERATOR);

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        JsonNode body = r.json();
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("error").asText()).contains("MANIFEST_INVALID");
        assertThat(body.path("details").path(field).isArray()).as("%s", body).isTrue();
        assertNothingStored(id, TestPackages.sha256(file));
    }

    private static void assertNothingStored(String id, String sha) {
        assertThat(Publishing.blobStored(data, sha)).as("package file stored").isFalse();
        assertThat(api.get("/api/v1/plugins/" + id.replace("/", "%2F")).status()).as("plugin stored").isEqualTo(404);
        assertThat(Publishing.uploadLeftovers(data)).as("upload leftovers").isZero();
    }

    private static Arguments archive(String name, String id, Function<Path, Path> build, String... rules) {
        return Arguments.of(name, id, build, Arrays.asList(rules));
    }

    private static Arguments manifest(String name, Function<Path, Path> build, String id, String field) {
        return Arguments.of(name, build, id, field);
    }

    private static Path hundredThousandEntries(Path dir) {
        TestPackages.Builder b = TestPackages.plugin("many-entries", "1.0.0");
        for (int i = 0; i < 100_000; i++) {
            b.entry("f/" + i, new byte[0]);
        }
        return b.tarGz(dir);
    }

    private static Path twoManifests(Path dir) {
        String json = "{\"id\":\"twomanifests\",\"name\":\"Two\",\"version\":\"1.0.0\"}";
        return TestPackages.plugin("twomanifests", "1.0.0").noManifest()
                .entry("a/plugin.json", json).entry("b/plugin.json", json).zip(dir);
    }

    private static Path truncated(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return write(file.resolveSibling("truncated-" + file.getFileName()), Arrays.copyOf(bytes, bytes.length / 2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
