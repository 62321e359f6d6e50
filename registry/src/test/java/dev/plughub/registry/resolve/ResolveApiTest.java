package dev.plughub.registry.resolve;

import static dev.plughub.registry.testing.Accounts.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/resolve} over real HTTP, with dependencies declared in real packages' manifests. */
class ResolveApiTest extends RunningRegistry {

    @Test
    void answers_a_plan_in_install_order_with_downloads_and_hashes() {
        Path lib = publish("rs-lib", "1.4.0", Map.of());
        publish("rs-lib", "2.0.0", Map.of());
        publish("rs-util", "1.0.0", Map.of("rs-lib", "^1.0.0"));
        publish("rs-app", "1.0.0", Map.of("rs-util", "^1.0.0", "rs-lib", ">=1.2.0"));

        ApiResponse r = resolve("{\"plugins\": [{\"id\": \"rs-app\", \"range\": \"^1.0.0\"}]}");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode plan = r.json().at("/data/plan");
        assertThat(steps(plan)).containsExactly("rs-lib@1.4.0", "rs-util@1.0.0", "rs-app@1.0.0");
        assertThat(plan.at("/0/sha256").asText()).isEqualTo(TestPackages.sha256(lib));
        assertThat(api.get(plan.at("/0/download_url").asText()).status()).isEqualTo(200);
    }

    @Test
    void answers_409_naming_both_requirers_of_clashing_ranges() {
        publish("rc-base", "1.0.0", Map.of());
        publish("rc-base", "2.0.0", Map.of());
        publish("rc-old", "1.0.0", Map.of("rc-base", "^1.0.0"));
        publish("rc-new", "1.0.0", Map.of("rc-base", "^2.0.0"));

        ApiResponse r = resolve("{\"plugins\": [{\"id\": \"rc-old\"}, {\"id\": \"rc-new\"}]}");

        assertThat(r.status()).as("%s", r).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo("DEPENDENCY_CONFLICT");
        List<String> requirers = new ArrayList<>();
        r.json().at("/details/conflicts").forEach(c -> {
            assertThat(c.get("id").asText()).isEqualTo("rc-base");
            requirers.add(c.get("required_by").asText() + " " + c.get("range").asText());
        });
        assertThat(requirers).contains("rc-old@1.0.0 ^1.0.0", "rc-new@1.0.0 ^2.0.0");
    }

    @Test
    void answers_409_naming_a_cycle() {
        publish("cy-a", "1.0.0", Map.of("cy-b", "^1.0.0"));
        publish("cy-b", "1.0.0", Map.of("cy-a", "^1.0.0"));

        ApiResponse r = resolve("{\"plugins\": [{\"id\": \"cy-a\"}]}");

        assertThat(r.status()).as("%s", r).isEqualTo(409);
        assertThat(r.json().at("/details/cycle").toString()).isEqualTo("[\"cy-a@1.0.0\",\"cy-b@1.0.0\",\"cy-a@1.0.0\"]");
        assertThat(r.json().get("error").asText()).contains("cycle");
    }

    @Test
    void skips_a_yanked_version_and_honours_the_host_version() {
        publish("ry-lib", "1.0.0", Map.of());
        published(TestPackages.plugin("ry-lib", "1.1.0").set("min_host_version", "5.0.0").zip(files));
        publish("ry-lib", "1.2.0", Map.of());
        api.request("DELETE", "/api/v1/plugins/ry-lib/versions/1.2.0/yank").headers(OPERATOR).send();

        assertThat(steps(plan("{\"plugins\": [{\"id\": \"ry-lib\"}], \"host_version\": \"4.0.0\"}"))).containsExactly("ry-lib@1.0.0");
        assertThat(steps(plan("{\"plugins\": [{\"id\": \"ry-lib\"}], \"host_version\": \"5.0.0\"}"))).containsExactly("ry-lib@1.1.0");
    }

    @Test
    void reports_a_dependency_the_registry_does_not_have() {
        publish("rm-app", "1.0.0", Map.of("rm-missing", "^1.0.0"));

        ApiResponse r = resolve("{\"plugins\": [{\"id\": \"rm-app\"}]}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().at("/details/conflicts/0/id").asText()).isEqualTo("rm-missing");
        assertThat(r.json().at("/details/conflicts/0/required_by").asText()).isEqualTo("rm-app@1.0.0");
    }

    @Test
    void refuses_malformed_requests_per_field() {
        ApiResponse r = resolve("{\"plugins\": [{\"id\": \"ok\", \"range\": \"^^1\"}, {\"range\": \"*\"}], \"host_version\": \"x\"}");

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().get("details").has("plugins[0].range")).isTrue();
        assertThat(r.json().get("details").has("plugins[1].id")).isTrue();
        assertThat(r.json().get("details").has("host_version")).isTrue();
        assertThat(resolve("{\"plugins\": []}").status()).isEqualTo(422);
    }

    @Test
    void refuses_more_plugins_than_one_request_may_name() {
        StringBuilder many = new StringBuilder("{\"plugins\": [");
        for (int i = 0; i <= ResolveRequest.MAX_PLUGINS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\": \"p").append(i).append("\"}");
        }
        ApiResponse r = resolve(many.append("]}").toString());

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/plugins/0").asText()).contains("At most 100 plugins");
    }

    private ApiResponse resolve(String json) {
        return api.postJson("/api/v1/resolve", json);
    }

    private JsonNode plan(String json) {
        ApiResponse r = resolve(json);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().at("/data/plan");
    }

    private static List<String> steps(JsonNode plan) {
        List<String> steps = new ArrayList<>();
        plan.forEach(s -> steps.add(s.get("id").asText() + "@" + s.get("version").asText()));
        return steps;
    }

    /** Publishes a zip whose plugin.json declares these plugin dependencies (seed 002's form). */
    private Path publish(String id, String version, Map<String, String> dependsOn) {
        return published(TestPackages.plugin(id, version).set("dependencies", Map.of("plugins", dependsOn)).zip(files));
    }

    private Path published(Path file) {
        Publisher.published(api, file);
        return file;
    }
}
