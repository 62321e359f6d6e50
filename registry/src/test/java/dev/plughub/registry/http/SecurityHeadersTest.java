package dev.plughub.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityHeadersTest {

    @TempDir
    Path dataDir;

    @Test
    void every_answer_forbids_the_browser_to_guess_its_type() {
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c)) {
            Api api = registry.api();
            List<ApiResponse> answers = List.of(
                    api.get("/api/v1/health"),
                    api.get("/api/v1/plugins/no-such-plugin"),
                    api.request("POST", "/api/v1/plugins/search").json("{").send(),
                    api.request("GET", "/no/such/route").send(),
                    api.get("/openapi.json"));
            assertThat(answers).extracting(ApiResponse::status).containsExactly(200, 404, 400, 404, 200);
            assertThat(answers).allSatisfy(answer ->
                    assertThat(answer.header("X-Content-Type-Options")).as("%s", answer).contains("nosniff"));
        }
    }
}
