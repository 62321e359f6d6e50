package dev.plughub.registry.apidocs;

import dev.plughub.registry.testing.RunningRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.ratelimit.RateLimiter;
import dev.plughub.registry.testing.OpenApiContract;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI description as served, its completeness, and the two documentation pages. */
class ApiDocsTest extends RunningRegistry {

    @Test
    void openapi_json_is_the_hand_written_description_as_json() throws IOException {
        ApiResponse r = registry.api().get("/openapi.json");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode served = new ObjectMapper().readTree(r.body());
        assertThat(served.get("openapi").asText()).startsWith("3.1.");
        assertThat(served).isEqualTo(OpenApiContract.description());
    }

    @Test
    void the_description_is_a_valid_openapi_3_1_document() {
        String json = registry.api().get("/openapi.json").text();

        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(result.getOpenAPI().getComponents().getSchemas()).containsKeys("ErrorBody", "Envelope", "Pagination",
                "PluginSummary", "PluginDetail", "VersionSummary", "VersionDetail", "PublishResult", "User", "Token");
    }

    @Test
    void every_route_the_server_answers_is_described() {
        List<String> described = OpenApiContract.describedRoutes();
        List<String> apiRoutes = registry.server().routes().stream()
                .filter(r -> !isDocumentationPage(r))
                // HEAD answers what GET does (http/HeadRoutes): a described GET describes its HEAD
                .filter(r -> !(r.startsWith("HEAD ") && described.contains("GET " + r.substring(5))))
                .toList();

        assertThat(apiRoutes).isNotEmpty().contains("POST /api/v1/auth/register", "GET /openapi.json");
        assertThat(described).containsAll(apiRoutes);
    }

    @Test
    void every_operation_a_rate_limit_can_refuse_lists_429() {
        JsonNode paths = OpenApiContract.description().path("paths");
        List<String> missing = new java.util.ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
            String path = p.getKey().replaceAll("\\{[^}]+}", "x");
            boolean limited = path.startsWith("/api/") && RateLimiter.classify(method, path).isPresent();
            if (limited && !op.getValue().path("responses").has("429")) {
                missing.add(method + " " + p.getKey());
            }
        }));
        assertThat(missing).as("operations the rate limits count (RateLimiter.classify) without a 429 answer").isEmpty();
    }

    @Test
    void every_operation_lists_400_since_a_query_that_does_not_decode_is_refused_everywhere() {
        List<String> missing = new java.util.ArrayList<>();
        OpenApiContract.description().path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            boolean operation = op.getValue().has("responses");
            // the plugin host's /system/plugins routes too, as `plughub serve` mounts them behind the same check
            if (operation && !op.getValue().path("responses").has("400")) {
                missing.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
            }
        }));
        assertThat(missing).as("operations without a 400 answer (http/QueryEncoding refuses bad queries on every route)").isEmpty();
    }

    @Test
    void every_described_route_exists() {
        List<String> routes = registry.server().routes();
        assertThat(routes).containsAll(OpenApiContract.describedRoutes().stream()
                // the plugin host's /system/plugins routes are mounted by `plughub serve` (cli's ServeHostTest checks them)
                .filter(route -> !route.contains(" /system/plugins"))
                .toList());
    }

    @Test
    void every_operation_describes_its_error_answers_with_the_error_envelope() {
        JsonNode paths = OpenApiContract.description().get("paths");
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            if (!op.getValue().has("responses")) {
                return;
            }
            op.getValue().get("responses").fields().forEachRemaining(answer -> {
                int status = Integer.parseInt(answer.getKey());
                if (status >= 400 && !op.getKey().equals("head")) {
                    assertThat(answer.getValue().path("$ref").asText())
                            .as(op.getKey() + " " + p.getKey() + " " + status)
                            .startsWith("#/components/responses/");
                }
            });
        }));
    }

    @Test
    void docs_redirects_to_swagger_ui_which_loads_this_description() {
        ApiResponse redirect = registry.api().request("GET", "/docs").withoutContractCheck().send();
        assertThat(redirect.status()).isIn(301, 302, 303, 307, 308);
        assertThat(redirect.header("Location").orElseThrow()).endsWith("/docs/");

        ApiResponse page = registry.api().request("GET", "/docs/").withoutContractCheck().send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.text()).contains("swagger-ui").contains("swagger-initializer.js");

        ApiResponse initializer = registry.api().request("GET", "/docs/swagger-initializer.js").withoutContractCheck().send();
        assertThat(initializer.status()).isEqualTo(200);
        assertThat(initializer.text()).contains("url: \"/openapi.json\"").doesNotContain("petstore");

        ApiResponse bundle = registry.api().request("GET", "/docs/swagger-ui-bundle.js").withoutContractCheck().send();
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body().length).isGreaterThan(100_000);
    }

    @Test
    void redoc_is_served_from_this_server_not_a_cdn() {
        ApiResponse page = registry.api().request("GET", "/redoc").withoutContractCheck().send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.text()).contains("<redoc spec-url=\"/openapi.json\">")
                .contains("src=\"/redoc/redoc.standalone.js\"")
                .doesNotContain("https://");

        ApiResponse script = registry.api().request("GET", "/redoc/redoc.standalone.js").withoutContractCheck().send();
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body().length).isGreaterThan(500_000);
    }

    private static boolean isDocumentationPage(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        return path.equals(ApiDocs.SWAGGER_UI_PATH) || path.startsWith(ApiDocs.SWAGGER_UI_PATH + "/")
                || path.equals(ApiDocs.REDOC_PATH) || path.startsWith(ApiDocs.REDOC_PATH + "/");
    }
}
