package dev.plughub.registry.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One walk over every described route and its usual answers, so the description is held against
 * the real server even where no feature test happens to look (each answer is checked by {@link Api}).
 */
class ContractTourTest extends RunningRegistry {

    private static final String[] OPERATOR = {"X-API-Key", TestRegistry.OPERATOR_KEY};

    @Test
    void publish_browse_download_and_delete_answer_as_described() {
        Path v1 = TestPackages.plugin("tour", "1.0.0").name("Tour <b>&'\"").description("Zoë's tour 🚀")
                .tags("demo", "tour").category("tools").zip(files);
        assertThat(api.request("POST", "/api/v1/plugins/upload").headers(OPERATOR).file("plugin_file", v1).send().status())
                .isEqualTo(201);
        assertThat(api.request("POST", "/api/v1/plugins/upload").headers(OPERATOR).file("plugin_file", v1).send().status())
                .isEqualTo(409);
        Path v11 = TestPackages.tarGz(files, "tour", "1.1.0");
        assertThat(api.request("POST", "/api/v1/plugins/publish").headers(OPERATOR)
                .multipart(Map.of("package", v11), Map.of("sha256", TestPackages.sha256(v11), "changelog", "More")).send()
                .status()).isEqualTo(201);
        Path beta = TestPackages.zip(files, "tour", "2.0.0-beta.1");
        ApiResponse zip = api.request("POST", "/api/v1/plugins/upload/zip").headers(OPERATOR).file("file", beta).send();
        assertThat(zip.status()).isEqualTo(201);
        assertThat(api.request("POST", "/api/v1/plugins/publish").headers(OPERATOR)
                .multipart(Map.of("file", TestPackages.zip(files, "tour", "3.0.0")), Map.of("sha256", "0".repeat(64))).send()
                .status()).isEqualTo(400);
        assertThat(api.request("POST", "/api/v1/plugins/upload-temp").file("plugin_file", v1).send().status()).isEqualTo(404);
        assertThat(api.request("POST", "/api/v1/plugins/upload").file("plugin_file", v1).send().status()).isEqualTo(401);

        assertThat(api.get("/api/v1/plugins?search=tour&tag=demo&sort=name&order=asc&page=1&limit=5").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plugins?page=0").status()).isEqualTo(422);
        assertThat(api.postJson("/api/v1/plugins/search", "{\"query\":\"tour\",\"tags\":[\"demo\"],\"per_page\":3}").status())
                .isEqualTo(200);
        assertThat(api.postJson("/api/v1/plugins/search", "{\"query\":").status()).isEqualTo(400);
        ApiResponse detail = api.get("/api/v1/plugins/tour");
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().path("data").path("current_version").asText()).isEqualTo("1.1.0");
        assertThat(api.get("/api/v1/plugins/nope").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/plugins/tour/versions?limit=2").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plugins/tour/versions/2.0.0-beta.1").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plugins/tour/versions/9.9.9").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/plugins/tour/path").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plugins/nope/path").status()).isEqualTo(404);

        ApiResponse download = api.get("/api/v1/plugins/tour/download?version=1.0.0");
        assertThat(download.status()).isEqualTo(200);
        String etag = download.header("ETag").orElseThrow();
        assertThat(api.request("HEAD", "/api/v1/plugins/tour/download").send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plugins/tour/download?version=1.0.0", "Range", "bytes=0-9").status()).isEqualTo(206);
        assertThat(api.get("/api/v1/plugins/tour/download?version=1.0.0", "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(api.get("/api/v1/plugins/tour/download?version=1.0.0", "Range", "bytes=999999-").status()).isEqualTo(416);
        assertThat(api.get("/api/v1/plugins/tour/download?version=7.0.0").status()).isEqualTo(404);
        assertThat(api.request("HEAD", "/api/v1/plugins/nope/download").send().status()).isEqualTo(404);

        assertThat(api.delete("/api/v1/plugins/tour").status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/plugins/tour", OPERATOR).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plugins/tour").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/info").status()).isEqualTo(200);
        assertThat(api.get("/health").status()).isEqualTo(200);
    }
}
