package dev.plughub.registry.catalog;

import static dev.plughub.registry.catalog.Publishing.OPERATOR;
import static dev.plughub.registry.catalog.Publishing.bearer;
import static dev.plughub.registry.catalog.Publishing.published;
import static dev.plughub.registry.catalog.Publishing.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Publishing through every publish route, with real archives, as clients see it. */
class PublishTest extends RunningRegistry {

    @Test
    void publishes_a_zip_with_plugin_json_and_answers_in_seed_001_shape() throws IOException {
        Path zip = TestPackages.plugin("zip-plugin", "1.0.0").name("Zip Plugin").zip(files);

        ApiResponse r = published(api, zip);

        JsonNode body = r.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("message").asText()).isEqualTo("Plugin uploaded successfully");
        JsonNode answer = body.get("data");
        assertThat(answer.get("id").asText()).isEqualTo("zip-plugin");
        assertThat(answer.get("name").asText()).isEqualTo("Zip Plugin");
        assertThat(answer.get("version").asText()).isEqualTo("1.0.0");
        assertThat(UUID.fromString(answer.get("upload_id").asText())).isNotNull();
        assertThat(answer.get("file_size").asLong()).isEqualTo(Files.size(zip));
        assertThat(answer.get("file_hash").asText()).isEqualTo("sha256:" + TestPackages.sha256(zip));
        assertThat(answer.get("status").asText()).isEqualTo("active");
        assertThat(Instant.parse(answer.get("created_at").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(Publishing.blobStored(data, TestPackages.sha256(zip))).isTrue();
        assertThat(answer.has("warnings")).as("nothing to say, so no field").isFalse();
    }

    @Test
    void a_manifest_field_that_looks_misspelt_is_published_with_a_warning_naming_the_one_meant() {
        Path zip = TestPackages.plugin("typo-plugin", "1.0.0").set("permisions", java.util.List.of("users.read"))
                .set("main_script", "main.py").zip(files);

        JsonNode answer = published(api, zip).json().get("data");

        assertThat(answer.get("warnings")).hasSize(1);
        assertThat(answer.get("warnings").get(0).asText())
                .isEqualTo("the manifest field 'permisions' is not one Plughub reads, so it is ignored: did you mean 'permissions'?");
    }

    @Test
    void a_java_plugin_no_host_would_install_is_published_with_a_warning_saying_so() {
        Path zip = TestPackages.plugin("unloadable", "1.0.0").set("runtime", "java").zip(files);

        JsonNode answer = published(api, zip).json().get("data");

        assertThat(answer.get("warnings").get(0).asText()).contains("runtime java but names no entry_point",
                "a Plughub host will not install it");
    }

    @Test
    void publishes_a_tar_gz() {
        ApiResponse r = published(api, TestPackages.tarGz(files, "tgz-plugin", "0.1.0"));
        assertThat(r.json().at("/data/id").asText()).isEqualTo("tgz-plugin");
        JsonNode version = api.get("/api/v1/plugins/tgz-plugin/versions/0.1.0").json().get("data");
        assertThat(version.get("format").asText()).isEqualTo("tar.gz");
    }

    @Test
    void publishes_a_jar_described_by_pf4j_keys() {
        Path jar = TestPackages.plugin("jar-plugin", "2.3.4").description("A PF4J plugin").pf4j().jar(files);
        ApiResponse r = published(api, jar);
        assertThat(r.json().at("/data/version").asText()).isEqualTo("2.3.4");
        JsonNode detail = api.get("/api/v1/plugins/jar-plugin").json().get("data");
        assertThat(detail.get("description").asText()).isEqualTo("A PF4J plugin");
        assertThat(detail.get("current_version").asText()).isEqualTo("2.3.4");
    }

    @Test
    void publishes_seed_000s_manifest_py_layout_through_upload_zip() {
        Path zip = TestPackages.manifestPyZip(files, "my_plugin", "1.0.0");

        ApiResponse r = api.request("POST", "/api/v1/plugins/upload/zip").headers(OPERATOR).file("file", zip).send();

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("plugin_id").asText()).isEqualTo("my_plugin");
        assertThat(body.get("message").asText()).isEqualTo("Plugin my_plugin uploaded successfully");
        assertThat(body.at("/plugin/id").asText()).isEqualTo("my_plugin");
        assertThat(body.at("/plugin/name").asText()).isEqualTo("my_plugin");
        assertThat(body.at("/plugin/version").asText()).isEqualTo("1.0.0");
        assertThat(body.at("/plugin/source").asText()).isEqualTo("zip_upload");
        assertThat(body.at("/data/file_hash").asText()).isEqualTo("sha256:" + TestPackages.sha256(zip));
    }

    @Test
    void the_publish_route_takes_the_package_in_any_of_its_field_names() {
        for (String field : List.of("plugin_file", "file", "package")) {
            Path zip = TestPackages.zip(files, "field-" + field.replace('_', '-'), "1.0.0");
            ApiResponse r = api.request("POST", "/api/v1/plugins/publish").headers(OPERATOR).file(field, zip).send();
            assertThat(r.status()).as("%s: %s", field, r).isEqualTo(201);
            assertThat(r.json().get("message").asText()).isEqualTo("Plugin uploaded successfully");
        }
    }

    @Test
    void a_matching_checksum_is_accepted_in_any_case_with_or_without_prefix() {
        Path a = TestPackages.zip(files, "checked", "1.0.0");
        Path b = TestPackages.zip(files, "checked", "1.0.1");
        assertThat(upload(api, a, Map.of("sha256", TestPackages.sha256(a).toUpperCase(Locale.ROOT)), OPERATOR).status())
                .isEqualTo(201);
        ApiResponse r = api.request("POST", "/api/v1/plugins/publish").headers(OPERATOR)
                .multipart(Map.of("package", b), Map.of("checksum", "SHA256:" + TestPackages.sha256(b))).send();
        assertThat(r.status()).as("%s", r).isEqualTo(201);
    }

    @Test
    void a_checksum_mismatch_is_a_400_and_stores_nothing() {
        Path zip = TestPackages.zip(files, "mismatched", "1.0.0");
        String wrong = "0".repeat(64);

        ApiResponse r = upload(api, zip, Map.of("sha256", wrong), OPERATOR);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("CHECKSUM_MISMATCH");
        assertThat(r.json().get("error").asText()).contains(TestPackages.sha256(zip)).contains(wrong);
        assertThat(api.get("/api/v1/plugins/mismatched/versions/1.0.0").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/plugins/mismatched").status()).isEqualTo(404);
        assertThat(Publishing.blobStored(data, TestPackages.sha256(zip))).isFalse();
    }

    @Test
    void a_checksum_mismatch_is_reported_even_when_the_bytes_are_not_an_archive() throws IOException {
        Path junk = Files.writeString(files.resolve("junk.zip"), "not a zip at all");
        ApiResponse r = upload(api, junk, Map.of("sha256", "1".repeat(64)), OPERATOR);
        assertThat(r.json().get("code").asText()).isEqualTo("CHECKSUM_MISMATCH");
    }

    @Test
    void a_malformed_checksum_is_a_422() {
        ApiResponse r = upload(api, TestPackages.zip(files, "bad-sum", "1.0.0"), Map.of("sha256", "abc"), OPERATOR);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/sha256/0").asText()).contains("64 hexadecimal");
    }

    @Test
    void the_changelog_field_is_kept_with_the_version() {
        upload(api, TestPackages.plugin("logged", "1.0.0").set("changelog", "from the manifest").zip(files),
                Map.of("changelog", "Added <b>network</b> monitoring — 网络"), OPERATOR);
        upload(api, TestPackages.plugin("logged", "1.1.0").set("changelog", "from the manifest").zip(files), OPERATOR);

        JsonNode versions = api.get("/api/v1/plugins/logged/versions").json().at("/data/versions");
        assertThat(versions.get(0).get("changelog").asText()).isEqualTo("from the manifest");
        assertThat(versions.get(1).get("changelog").asText()).isEqualTo("Added <b>network</b> monitoring — 网络");
    }

    @Test
    void a_changelog_over_10000_characters_is_a_422() {
        ApiResponse r = upload(api, TestPackages.zip(files, "long-log", "1.0.0"), Map.of("changelog", "x".repeat(10_001)),
                OPERATOR);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/changelog/0").asText()).contains("10000");
        assertThat(api.get("/api/v1/plugins/long-log").status()).isEqualTo(404);
    }

    @Test
    void the_same_version_again_is_a_409() {
        published(api, TestPackages.zip(files, "twice", "1.0.0"));

        ApiResponse r = upload(api, TestPackages.plugin("twice", "1.0.0").description("changed").zip(files), OPERATOR);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo("VERSION_EXISTS");
        assertThat(r.json().get("error").asText())
                .isEqualTo("Version 1.0.0 of twice already exists; published versions are immutable");
    }

    @Test
    void build_metadata_does_not_make_a_new_version() {
        published(api, TestPackages.zip(files, "built", "1.0.0+build.1"));

        ApiResponse r = upload(api, TestPackages.zip(files, "built", "1.0.0+build.2"), OPERATOR);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("error").asText()).isEqualTo("Version 1.0.0+build.2 of built has the precedence of version "
                + "1.0.0+build.1, which already exists (build metadata does not tell versions apart); published versions are immutable");
        assertThat(r.json().at("/details/existing_version").asText()).isEqualTo("1.0.0+build.1");
    }

    @Test
    void a_deleted_plugins_versions_stay_reserved() {
        published(api, TestPackages.zip(files, "gone", "1.0.0"));
        assertThat(api.delete("/api/v1/plugins/gone", OPERATOR).status()).isEqualTo(200);

        ApiResponse again = upload(api, TestPackages.zip(files, "gone", "1.0.0"), OPERATOR);
        assertThat(again.status()).isEqualTo(409);

        ApiResponse newer = upload(api, TestPackages.zip(files, "gone", "1.0.1"), OPERATOR);
        assertThat(newer.status()).as("the owner revives the plugin with a new version").isEqualTo(201);
        JsonNode detail = api.get("/api/v1/plugins/gone").json().get("data");
        assertThat(detail.get("current_version").asText()).isEqualTo("1.0.1");
        assertThat(detail.get("versions")).hasSize(1);
    }

    @Test
    void only_owners_publish_new_versions() {
        String alice = Publishing.userToken(api, "alice-owner");
        String bob = Publishing.userToken(api, "bob-other");
        assertThat(upload(api, TestPackages.zip(files, "alices", "1.0.0"), bearer(alice)).status()).isEqualTo(201);

        ApiResponse r = upload(api, TestPackages.zip(files, "alices", "1.1.0"), bearer(bob));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(r.json().get("error").asText()).contains("only owners can publish new versions of alices");
        assertThat(api.get("/api/v1/plugins/alices/versions/1.1.0").status()).isEqualTo(404);
        assertThat(upload(api, TestPackages.zip(files, "alices", "1.1.0"), bearer(alice)).status()).isEqualTo(201);
        assertThat(upload(api, TestPackages.zip(files, "alices", "1.2.0"), OPERATOR).status())
                .as("admins may publish too").isEqualTo(201);
        JsonNode detail = api.get("/api/v1/plugins/alices").json().get("data");
        assertThat(detail.at("/owners/0/username").asText()).isEqualTo("alice-owner");
        assertThat(detail.get("owners")).hasSize(1);
        JsonNode version = api.get("/api/v1/plugins/alices/versions/1.1.0").json().get("data");
        assertThat(version.at("/published_by/username").asText()).isEqualTo("alice-owner");
    }

    @Test
    void publishing_without_a_token_is_a_401() {
        ApiResponse r = upload(api, TestPackages.zip(files, "anonymous", "1.0.0"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");
        ApiResponse zip = api.request("POST", "/api/v1/plugins/upload/zip")
                .file("file", TestPackages.zip(files, "anonymous", "1.0.0")).send();
        assertThat(zip.status()).as("upload/zip needs a token outside development mode").isEqualTo(401);
        assertThat(api.get("/api/v1/plugins/anonymous").status()).isEqualTo(404);
    }

    @Test
    void publishing_with_a_wrong_token_is_a_401() {
        ApiResponse r = upload(api, TestPackages.zip(files, "wrong-token", "1.0.0"), bearer("not-a-real-token"));
        assertThat(r.status()).isEqualTo(401);
        ApiResponse key = upload(api, TestPackages.zip(files, "wrong-token", "1.0.0"), "X-API-Key", "wrong");
        assertThat(key.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/plugins/wrong-token").status()).isEqualTo(404);
    }

    @Test
    void a_multipart_request_without_the_file_field_is_a_400_naming_the_field() {
        ApiResponse r = api.request("POST", "/api/v1/plugins/upload").headers(OPERATOR)
                .multipart(Map.of("wrong_field", TestPackages.zip(files, "nofield", "1.0.0")), Map.of()).send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(r.json().get("error").asText()).contains("plugin_file");
    }

    @Test
    void a_package_field_sent_twice_is_a_400_and_neither_package_is_stored() throws IOException {
        Path first = TestPackages.zip(files, "twice-a", "1.0.0");
        Path second = TestPackages.zip(files, "twice-b", "1.0.0");
        ApiResponse r = api.request("POST", "/api/v1/plugins/upload").headers(OPERATOR)
                .body(multipart(List.of(
                        new FormPart("plugin_file", "a.zip", Files.readAllBytes(first)),
                        new FormPart("plugin_file", "b.zip", Files.readAllBytes(second)))), MULTIPART).send();
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("'plugin_file'").contains("more than once");
        assertThat(api.get("/api/v1/plugins/twice-a").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/plugins/twice-b").status()).isEqualTo(404);
    }

    @Test
    void a_package_in_two_of_the_publish_fields_is_a_400() throws IOException {
        Path zip = TestPackages.zip(files, "two-fields", "1.0.0");
        byte[] bytes = Files.readAllBytes(zip);
        ApiResponse r = api.request("POST", "/api/v1/plugins/publish").headers(OPERATOR)
                .body(multipart(List.of(new FormPart("plugin_file", "a.zip", bytes), new FormPart("package", "a.zip", bytes))),
                        MULTIPART).send();
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("'plugin_file'").contains("'package'");
        assertThat(api.get("/api/v1/plugins/two-fields").status()).isEqualTo(404);
    }

    @Test
    void a_checksum_sent_twice_is_a_400_even_when_one_of_them_matches() throws IOException {
        Path zip = TestPackages.zip(files, "two-sums", "1.0.0");
        byte[] bytes = Files.readAllBytes(zip);
        ApiResponse r = api.request("POST", "/api/v1/plugins/upload").headers(OPERATOR)
                .body(multipart(List.of(
                        new FormPart("sha256", null, TestPackages.sha256(zip).getBytes(StandardCharsets.US_ASCII)),
                        new FormPart("sha256", null, "0".repeat(64).getBytes(StandardCharsets.US_ASCII)),
                        new FormPart("plugin_file", "a.zip", bytes))), MULTIPART).send();
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("'sha256'");
        assertThat(api.get("/api/v1/plugins/two-sums").status()).isEqualTo(404);
    }

    @Test
    void a_checksum_in_both_checksum_fields_is_a_400() throws IOException {
        Path zip = TestPackages.zip(files, "both-sums", "1.0.0");
        String sha = TestPackages.sha256(zip);
        ApiResponse r = api.request("POST", "/api/v1/plugins/publish").headers(OPERATOR)
                .multipart(Map.of("package", zip), Map.of("sha256", sha, "checksum", "0".repeat(64))).send();
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("'sha256'").contains("'checksum'");
        assertThat(api.get("/api/v1/plugins/both-sums").status()).isEqualTo(404);
    }

    @Test
    void fields_the_registry_does_not_read_may_repeat() throws IOException {
        Path zip = TestPackages.zip(files, "extra-fields", "1.0.0");
        ApiResponse r = api.request("POST", "/api/v1/plugins/upload").headers(OPERATOR)
                .body(multipart(List.of(
                        new FormPart("note", null, "one".getBytes(StandardCharsets.UTF_8)),
                        new FormPart("note", null, "two".getBytes(StandardCharsets.UTF_8)),
                        new FormPart("plugin_file", "a.zip", Files.readAllBytes(zip)))), MULTIPART).send();
        assertThat(r.status()).as("%s", r).isEqualTo(201);
    }

    private static final String BOUNDARY = "----plughub-raw-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    /** One part of a hand-made multipart body; a null file name makes it a plain field. */
    private record FormPart(String name, String fileName, byte[] content) {
    }

    /** A multipart body with the parts in order, repeated names allowed (which Api.multipart's maps are not). */
    private static byte[] multipart(List<FormPart> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FormPart part : parts) {
            String disposition = "form-data; name=\"" + part.name() + "\""
                    + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"\r\nContent-Type: application/zip");
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void a_body_that_is_not_multipart_is_a_400() {
        ApiResponse r = api.request("POST", "/api/v1/plugins/upload").headers(OPERATOR).json("{}").send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("multipart/form-data").contains("plugin_file");
    }

    @Test
    void a_multipart_body_cut_short_is_a_400_in_words_not_class_names() throws IOException {
        byte[] whole = multipart(List.of(new FormPart("plugin_file", "a.zip",
                Files.readAllBytes(TestPackages.zip(files, "cut-short", "1.0.0")))));
        byte[] cut = Arrays.copyOf(whole, whole.length - 40);
        ApiResponse r = api.request("POST", "/api/v1/plugins/upload").headers(OPERATOR).body(cut, MULTIPART).send();

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.json().get("error").asText()).startsWith("The multipart request could not be read").doesNotContain("org.eclipse");
        assertThat(api.get("/api/v1/plugins/cut-short").status()).isEqualTo(404);
    }

    @Test
    void published_uploads_leave_no_temporary_files() {
        published(api, TestPackages.plugin("big-entry", "1.0.0").entry("data.bin", new byte[300_000]).zip(files));
        upload(api, TestPackages.plugin("refused-big", "1.0.0").entry("../x", new byte[300_000]).zip(files), OPERATOR);
        assertThat(Publishing.uploadLeftovers(data)).isZero();
    }
}
