package dev.plughub.registry.catalog;

import static dev.plughub.registry.catalog.Publishing.bearer;
import static dev.plughub.registry.catalog.Publishing.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Development mode (PLUGHUB_DEV): seed 000's unauthenticated flow and {@code upload-temp}. */
class DevModeTest {

    @TempDir
    Path data;
    @TempDir
    Path files;

    @Test
    void seed_000_flow_works_as_written() {
        try (TestRegistry registry = TestRegistry.start(data, c -> c.withDev(true))) {
            Api api = registry.api();
            Path zip = TestPackages.manifestPyZip(files, "my_plugin", "1.0.0");

            // curl -X POST .../api/v1/plugins/upload/zip -F "file=@my-plugin.zip"
            ApiResponse uploaded = api.request("POST", "/api/v1/plugins/upload/zip").file("file", zip).send();
            assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
            assertThat(uploaded.json().get("plugin_id").asText()).isEqualTo("my_plugin");
            assertThat(uploaded.json().at("/plugin/source").asText()).isEqualTo("zip_upload");

            // curl .../api/v1/plugins
            JsonNode list = api.get("/api/v1/plugins").json();
            assertThat(list.at("/data/plugins/0/id").asText()).isEqualTo("my_plugin");

            // curl .../api/v1/plugins/{id}
            JsonNode detail = api.get("/api/v1/plugins/my_plugin").json().get("data");
            assertThat(detail.get("current_version").asText()).isEqualTo("1.0.0");
            assertThat(detail.get("owners")).isEmpty();

            // GET .../plugins/{id}/path → {"path": ..., "exists": true}
            ApiResponse path = api.get("/api/v1/plugins/my_plugin/path");
            assertThat(path.status()).as("%s", path).isEqualTo(200);
            JsonNode where = path.json();
            assertThat(where.get("success").asBoolean()).isTrue();
            assertThat(where.get("exists").asBoolean()).isTrue();
            assertThat(where.get("plugin_id").asText()).isEqualTo("my_plugin");
            assertThat(where.get("version").asText()).isEqualTo("1.0.0");
            Path dir = Path.of(where.get("path").asText());
            assertThat(dir).isAbsolute();
            assertThat(dir.startsWith(data.toAbsolutePath())).isTrue();
            assertThat(Files.exists(dir.resolve("my_plugin").resolve("manifest.py"))).isTrue();
            assertThat(api.get("/api/v1/plugins/my_plugin/path").json().get("path").asText())
                    .as("extracted once, same place").isEqualTo(where.get("path").asText());

            // curl -X DELETE .../api/v1/plugins/{id}
            ApiResponse deleted = api.delete("/api/v1/plugins/my_plugin");
            assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
            assertThat(api.get("/api/v1/plugins/my_plugin").status()).isEqualTo(404);
            assertThat(api.get("/api/v1/plugins/my_plugin/path").json().at("/details/exists").asBoolean(true)).isFalse();
        }
    }

    @Test
    void in_development_mode_every_publish_route_takes_an_upload_without_credentials() {
        try (TestRegistry registry = TestRegistry.start(data, c -> c.withDev(true))) {
            Api api = registry.api();
            Map<String, String> fileFields = Map.of("/api/v1/plugins/upload", "plugin_file", "/api/v1/plugins/publish", "plugin_file",
                    "/api/v1/plugins/upload/zip", "file", "/api/v1/plugins/upload-temp", "plugin_file");
            int n = 0;
            for (Map.Entry<String, String> route : fileFields.entrySet()) {
                String id = "anonymous-" + ++n;

                ApiResponse r = api.request("POST", route.getKey())
                        .file(route.getValue(), TestPackages.zip(files, id, "1.0.0")).send();

                assertThat(r.status()).as("%s %s", route.getKey(), r).isEqualTo(201);
                assertThat(api.get("/api/v1/plugins/" + id).json().at("/data/owners").toString())
                        .as("%s: a plugin published without credentials has no owner", route.getKey()).isEqualTo("[]");
                ApiResponse badToken = api.request("POST", route.getKey()).bearer("not-a-token")
                        .file(route.getValue(), TestPackages.zip(files, id, "1.0.1")).send();
                assertThat(badToken.status()).as("%s: credentials given must be good", route.getKey()).isEqualTo(401);
            }
        }
    }

    @Test
    void outside_development_mode_no_publish_route_takes_an_upload_without_credentials() {
        try (TestRegistry registry = TestRegistry.start(data)) {
            Api api = registry.api();
            for (String route : List.of("/api/v1/plugins/upload", "/api/v1/plugins/publish")) {
                ApiResponse r = api.request("POST", route).file("plugin_file", TestPackages.zip(files, "nobody", "1.0.0")).send();
                assertThat(r.status()).as("%s %s", route, r).isEqualTo(401);
                assertThat(r.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");
            }
            ApiResponse zip = api.request("POST", "/api/v1/plugins/upload/zip").file("file", TestPackages.zip(files, "nobody", "1.0.0")).send();
            ApiResponse git = api.postJson("/api/v1/plugins/upload/github", "{\"repo_url\":\"https://github.com/a/b\",\"branch\":\"main\"}");
            assertThat(zip.status()).as("%s", zip).isEqualTo(401);
            assertThat(git.status()).as("%s", git).isEqualTo(401);
            assertThat(api.get("/api/v1/plugins/nobody").status()).isEqualTo(404);
        }
    }

    @Test
    void upload_temp_answers_in_seed_001_shape_in_development_mode() {
        try (TestRegistry registry = TestRegistry.start(data, c -> c.withDev(true))) {
            ApiResponse r = registry.api().request("POST", "/api/v1/plugins/upload-temp")
                    .file("plugin_file", TestPackages.tarGz(files, "temp-plugin", "0.0.1")).send();
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            assertThat(r.json().get("message").asText()).isEqualTo("Plugin uploaded successfully");
            assertThat(r.json().at("/data/id").asText()).isEqualTo("temp-plugin");
            assertThat(r.json().at("/data/status").asText()).isEqualTo("active");
        }
    }

    @Test
    void upload_temp_does_not_exist_outside_development_mode() {
        try (TestRegistry registry = TestRegistry.start(data)) {
            ApiResponse r = registry.api().request("POST", "/api/v1/plugins/upload-temp")
                    .file("plugin_file", TestPackages.zip(files, "temp-plugin", "0.0.1")).send();
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(registry.api().get("/api/v1/plugins/temp-plugin").status()).isEqualTo(404);
        }
    }

    @Test
    void an_anonymous_upload_cannot_add_to_a_plugin_someone_owns() {
        try (TestRegistry registry = TestRegistry.start(data, c -> c.withDev(true))) {
            Api api = registry.api();
            String frank = Publishing.userToken(api, "frank");
            assertThat(upload(api, TestPackages.zip(files, "franks", "1.0.0"), bearer(frank)).status()).isEqualTo(201);

            ApiResponse r = api.request("POST", "/api/v1/plugins/upload/zip")
                    .file("file", TestPackages.zip(files, "franks", "1.1.0")).send();
            assertThat(r.status()).isEqualTo(401);
            assertThat(api.delete("/api/v1/plugins/franks").status()).isEqualTo(401);
            assertThat(api.get("/api/v1/plugins/franks").json().at("/data/current_version").asText()).isEqualTo("1.0.0");
        }
    }
}
