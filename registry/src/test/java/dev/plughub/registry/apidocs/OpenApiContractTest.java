package dev.plughub.registry.apidocs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.OpenApiContract;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check can fail: answers that break the description are caught. */
class OpenApiContractTest {

    private static final String HASH = "a".repeat(64);
    private static final String ERROR = "{\"success\":false,\"error\":\"Plugin not found\",\"code\":\"PLUGIN_NOT_FOUND\"}";

    @Test
    void a_matching_answer_passes() {
        assertThatCode(() -> check("GET", "/api/v1/health", json(200,
                "{\"success\":true,\"status\":\"healthy\",\"version\":\"0.1.0\",\"storage_path\":\"/data\",\"plugins_count\":0}")))
                .doesNotThrowAnyException();
    }

    @Test
    void a_missing_required_field_fails() {
        assertThatThrownBy(() -> check("GET", "/api/v1/health", json(200,
                "{\"success\":true,\"status\":\"healthy\",\"version\":\"0.1.0\",\"storage_path\":\"/data\"}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("plugins_count");
    }

    @Test
    void a_field_of_the_wrong_type_fails() {
        assertThatThrownBy(() -> check("GET", "/api/v1/health", json(200,
                "{\"success\":true,\"status\":\"healthy\",\"version\":\"0.1.0\",\"storage_path\":\"/d\",\"plugins_count\":\"0\"}")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void extra_fields_are_allowed_so_later_features_can_add_them() {
        assertThatCode(() -> check("GET", "/api/v1/health", json(200,
                "{\"success\":true,\"status\":\"healthy\",\"version\":\"0.1.0\",\"storage_path\":\"/d\",\"plugins_count\":1,"
                        + "\"uptime_seconds\":5}")))
                .doesNotThrowAnyException();
    }

    @Test
    void nullable_fields_accept_null_and_nothing_else_of_another_type() {
        String user = "{\"id\":1,\"username\":\"ada\",\"email\":null,\"display_name\":null,\"role\":\"user\","
                + "\"created_at\":\"2024-01-10T08:30:00Z\"}";
        String login = "{\"success\":true,\"data\":{\"token\":\"phub_" + "A".repeat(43) + "\",\"token_type\":\"Bearer\","
                + "\"expires_at\":\"2024-02-10T08:30:00Z\",\"user\":" + user + "}}";
        assertThatCode(() -> check("POST", "/api/v1/auth/login", json(200, login))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("POST", "/api/v1/auth/login", json(200, login.replace("\"email\":null", "\"email\":7"))))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void nested_and_composed_schemas_are_checked_too() {
        String summary = "{\"id\":\"demo\",\"name\":\"Demo\",\"description\":\"\",\"author\":null,\"current_version\":\"1.0.0\","
                + "\"downloads\":0,\"rating\":0.0,\"rating_count\":0,\"status\":\"active\",\"created_at\":\"2024-01-10T08:30:00Z\","
                + "\"updated_at\":\"2024-01-10T08:30:00Z\",\"min_geektools_version\":null,\"min_host_version\":null,"
                + "\"homepage_url\":null,\"repository_url\":null,\"license\":null,\"tags\":[],\"category\":null}";
        String page = "{\"success\":true,\"data\":{\"plugins\":[%s],\"pagination\":{\"page\":1,\"limit\":20,\"total\":1,\"pages\":1}}}";
        assertThatCode(() -> check("GET", "/api/v1/plugins?search=x", json(200, page.formatted(summary))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check("GET", "/api/v1/plugins", json(200, page.formatted(summary.replace(",\"tags\":[]", "")))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("tags");
        assertThatThrownBy(() -> check("GET", "/api/v1/plugins", json(200,
                page.formatted(summary.replace("2024-01-10T08:30:00Z\",\"min", "yesterday\",\"min")))))
                .isInstanceOf(AssertionError.class);
        String detail = "{\"success\":true,\"data\":" + summary.substring(0, summary.length() - 1)
                + ",\"recent_ratings\":[],\"rating_distribution\":{\"1\":0,\"2\":0,\"3\":0,\"4\":0,\"5\":0},\"owners\":[],"
                + "\"dependencies\":{\"plugins\":{},\"packages\":{}},\"permissions\":[],\"manifest\":{}%s}}";
        assertThatCode(() -> check("GET", "/api/v1/plugins/demo", json(200, detail.formatted(",\"versions\":[]"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check("GET", "/api/v1/plugins/demo", json(200, detail.formatted(""))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("versions");
    }

    @Test
    void an_undescribed_status_fails() {
        assertThatThrownBy(() -> check("GET", "/api/v1/health", json(418, ERROR)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("418");
    }

    @Test
    void an_error_answer_must_be_the_error_envelope() {
        assertThatCode(() -> check("GET", "/api/v1/plugins/nope", json(404, ERROR))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("GET", "/api/v1/plugins/nope", json(404, "{\"error\":\"Plugin not found\"}")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void an_undescribed_path_fails_unless_answered_404_or_405_in_the_envelope() {
        assertThatThrownBy(() -> check("GET", "/api/v1/secret", json(200, "{\"success\":true}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not in the OpenAPI description");
        assertThatCode(() -> check("GET", "/api/v1/secret", json(404,
                "{\"success\":false,\"error\":\"No such endpoint\",\"code\":\"NOT_FOUND\"}"))).doesNotThrowAnyException();
        assertThatCode(() -> check("PUT", "/api/v1/health", json(405,
                "{\"success\":false,\"error\":\"Method PUT is not allowed\",\"code\":\"METHOD_NOT_ALLOWED\"}")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check("GET", "/api/v1/secret", new ApiResponse(404, Map.of("content-type",
                List.of("text/plain")), "Not found".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void a_download_is_checked_for_status_and_headers_only() {
        Map<String, List<String>> headers = downloadHeaders();
        ApiResponse ok = new ApiResponse(200, headers, new byte[] {'P', 'K', 3, 4});
        assertThatCode(() -> check("GET", "/api/v1/plugins/demo/download?version=1.0.0", ok)).doesNotThrowAnyException();

        Map<String, List<String>> noEtag = new LinkedHashMap<>(headers);
        noEtag.remove("etag");
        assertThatThrownBy(() -> check("GET", "/api/v1/plugins/demo/download", new ApiResponse(200, noEtag, new byte[] {1})))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ETag");

        Map<String, List<String>> badDisposition = new LinkedHashMap<>(headers);
        badDisposition.put("content-disposition", List.of("inline"));
        assertThatThrownBy(() -> check("GET", "/api/v1/plugins/demo/download",
                new ApiResponse(200, badDisposition, new byte[] {1})))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Content-Disposition");

        assertThatThrownBy(() -> check("GET", "/api/v1/plugins/demo/download",
                new ApiResponse(202, headers, new byte[] {1})))
                .isInstanceOf(AssertionError.class);

        assertThatCode(() -> check("GET", "/api/v1/plugins/demo/download", new ApiResponse(304,
                Map.of("etag", List.of('"' + HASH + '"')), new byte[0]))).doesNotThrowAnyException();
        assertThatCode(() -> check("GET", "/api/v1/plugins/demo/download", json(404, ERROR))).doesNotThrowAnyException();
    }

    private static Map<String, List<String>> downloadHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/zip"));
        headers.put("content-disposition", List.of("attachment; filename=\"demo-1.0.0.zip\""));
        headers.put("etag", List.of('"' + HASH + '"'));
        headers.put("content-length", List.of("4"));
        headers.put("accept-ranges", List.of("bytes"));
        return headers;
    }

    private static ApiResponse json(int status, String body) {
        return new ApiResponse(status, Map.of("content-type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static void check(String method, String path, ApiResponse response) {
        OpenApiContract.check(method, path, null, new byte[0], response);
    }
}
