package dev.plughub.registry.system;

import dev.plughub.registry.testing.RunningRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.ApiResponse;
import org.junit.jupiter.api.Test;

class SystemRoutesTest extends RunningRegistry {

    @Test
    void health_answers_in_seed_000_shape() {
        ApiResponse r = registry.api().get("/api/v1/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("healthy");
        assertThat(r.json().get("plugins_count").asLong()).isZero();
        assertThat(r.json().get("storage_path").asText()).isEqualTo(data.toAbsolutePath().normalize().toString());
        assertThat(r.json().has("version")).isTrue();
    }

    @Test
    void unknown_routes_answer_404_in_the_error_envelope() {
        ApiResponse r = registry.api().get("/api/v1/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(r.json().get("error").asText()).isNotBlank();
    }

    @Test
    void a_wrong_method_answers_405_with_allow() {
        ApiResponse r = registry.api().request("DELETE", "/api/v1/health").send();
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.json().get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(r.header("Allow")).isPresent();
    }

    @Test
    void options_answers_204_with_what_the_route_allows() {
        ApiResponse plugins = registry.api().request("OPTIONS", "/api/v1/plugins").send();
        assertThat(plugins.status()).isEqualTo(204);
        assertThat(plugins.body()).isEmpty();
        assertThat(plugins.header("Allow")).contains("GET, HEAD, OPTIONS");

        ApiResponse wrong = registry.api().request("PUT", "/api/v1/plugins").send();
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("Allow")).as("OPTIONS is allowed too").contains("GET, HEAD, OPTIONS");
        assertThat(registry.api().request("OPTIONS", "/api/v1/nothing-here").send().status()).isEqualTo(404);
    }
}
