package dev.plughub.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.host.testing.PluginJars;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin operations that go through a registry: install with dependencies, update, rollback, search. */
class RegistryOperationsApiTest {

    @TempDir
    Path home;

    private HostWithRegistry stack;
    private TestRegistry registry;
    private RunningAdmin admin;

    @BeforeEach
    void start() {
        stack = HostWithRegistry.start(home);
        registry = stack.registry();
        admin = stack.admin();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private void publish(PluginJars.Builder plugin) {
        stack.publish(plugin);
    }

    @Test
    void installs_from_the_registry_with_the_dependencies_it_resolves() {
        publish(PluginJars.plugin("base-lib").version("1.2.0"));
        publish(PluginJars.plugin("analytics-plugin").version("1.0.0").dependsOn("base-lib", "^1.0.0"));

        ApiResponse r = admin.post("/system/plugins/install",
                "{\"source\": \"repository\", \"plugin_name\": \"analytics-plugin\", \"version\": \"latest\", \"auto_enable\": true}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("data").get("installed")).extracting(p -> p.get("id").asText())
                .containsExactly("base-lib", "analytics-plugin");
        assertThat(admin.get("/system/plugins/analytics-plugin").json().get("data").get("plugin").get("dependencies").get(0)
                .get("id").asText()).isEqualTo("base-lib");
    }

    @Test
    void a_plugin_missing_from_the_registry_is_refused_and_nothing_is_installed() {
        ApiResponse r = admin.post("/system/plugins/install", "{\"plugin_name\": \"no-such-plugin\"}");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
        assertThat(r.json().get("error").asText()).endsWith("has no plugin no-such-plugin");
        assertThat(admin.get("/system/plugins").json().get("plugins")).isEmpty();
    }

    @Test
    void a_version_that_is_neither_a_version_nor_a_range_is_a_422() {
        publish(PluginJars.plugin("analytics-plugin").version("1.2.0"));

        for (String version : List.of(">=1.0.0 <<2", "not-a-version")) {
            ApiResponse r = admin.post("/system/plugins/install",
                    "{\"plugin_name\": \"analytics-plugin\", \"version\": \"" + version + "\"}");

            assertThat(r.status()).as(version).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(r.json().get("error").asText()).startsWith("version '" + version + "' is neither a version nor a range");
        }
        assertThat(admin.get("/system/plugins").json().get("plugins")).isEmpty();
    }

    @Test
    void a_version_the_registry_does_not_have_is_a_dependency_error_naming_it() {
        publish(PluginJars.plugin("analytics-plugin").version("1.2.0"));

        ApiResponse r = admin.post("/system/plugins/install", "{\"plugin_name\": \"analytics-plugin\", \"version\": \"9.9.9\"}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_DEPENDENCY_ERROR");
        assertThat(r.json().get("error").asText()).contains("analytics-plugin");
    }

    @Test
    void updates_then_rolls_back_on_demand() {
        publish(PluginJars.plugin("analytics-plugin").version("1.2.0"));
        admin.post("/system/plugins/install", "{\"plugin_name\": \"analytics-plugin\", \"version\": \"1.2.0\"}");
        ApiResponse nothingKept = admin.post("/system/plugins/analytics-plugin/rollback", "");
        assertThat(nothingKept.status()).isEqualTo(409);
        assertThat(nothingKept.json().get("code").asText()).isEqualTo("PLUGIN_NO_BACKUP");
        publish(PluginJars.plugin("analytics-plugin").version("1.3.0"));

        ApiResponse updated = admin.put("/system/plugins/analytics-plugin",
                "{\"version\": \"1.3.0\", \"backup_current\": true, \"restart_plugin\": true, \"update_config\": false}");

        assertThat(updated.status()).isEqualTo(200);
        JsonNode update = updated.json().get("data").get("update");
        assertThat(update.get("old_version").asText()).isEqualTo("1.2.0");
        assertThat(update.get("new_version").asText()).isEqualTo("1.3.0");
        assertThat(update.get("status").asText()).isEqualTo("completed");
        assertThat(update.get("backup_id").isTextual()).isTrue();
        assertThat(update.get("restart_required").asBoolean()).isFalse();

        ApiResponse rolledBack = admin.post("/system/plugins/analytics-plugin/rollback", "");
        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.json().get("data").get("rollback").get("version").asText()).isEqualTo("1.2.0");
        assertThat(admin.post("/system/plugins/analytics-plugin/actions/echo", "{}").json().get("result").get("version").asText())
                .isEqualTo("1.2.0");
    }

    @Test
    void an_update_without_restart_says_a_restart_is_required_and_the_restart_runs_the_new_version() {
        publish(PluginJars.plugin("analytics-plugin").version("1.2.0"));
        admin.post("/system/plugins/install", "{\"plugin_name\": \"analytics-plugin\", \"version\": \"1.2.0\"}");
        publish(PluginJars.plugin("analytics-plugin").version("1.3.0"));

        ApiResponse updated = admin.put("/system/plugins/analytics-plugin", "{\"version\": \"1.3.0\", \"restart_plugin\": false}");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("data").get("update").get("restart_required").asBoolean()).isTrue();
        assertThat(admin.post("/system/plugins/analytics-plugin/actions/echo", "{}").json().get("result").get("version").asText())
                .isEqualTo("1.2.0");
        JsonNode waiting = admin.get("/system/plugins").json().get("plugins").get(0);
        assertThat(waiting.get("version").asText()).as("installed").isEqualTo("1.3.0");
        assertThat(waiting.get("running_version").asText()).isEqualTo("1.2.0");
        assertThat(waiting.get("restart_required").asBoolean()).isTrue();
        assertThat(admin.post("/system/plugins/analytics-plugin/restart", "").status()).isEqualTo(200);
        assertThat(admin.post("/system/plugins/analytics-plugin/actions/echo", "{}").json().get("result").get("version").asText())
                .isEqualTo("1.3.0");
        JsonNode restarted = admin.get("/system/plugins").json().get("plugins").get(0);
        assertThat(restarted.get("running_version").asText()).isEqualTo("1.3.0");
        assertThat(restarted.get("restart_required").asBoolean()).isFalse();
    }

    @Test
    void an_update_whose_new_version_fails_to_start_is_a_500_and_the_old_version_keeps_running() {
        publish(PluginJars.plugin("analytics-plugin").version("1.2.0"));
        admin.post("/system/plugins/install", "{\"plugin_name\": \"analytics-plugin\", \"version\": \"1.2.0\"}");
        publish(PluginJars.plugin("analytics-plugin").version("1.3.0").initialize("throw new IllegalStateException(\"boom\");"));

        ApiResponse r = admin.put("/system/plugins/analytics-plugin", "{\"version\": \"1.3.0\"}");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_STARTUP_FAILED");
        assertThat(r.json().get("details").get("update").get("status").asText()).isEqualTo("rolled_back");
        assertThat(r.json().get("error").asText()).contains("boom");
        JsonNode plugin = admin.get("/system/plugins").json().get("plugins").get(0);
        assertThat(plugin.get("version").asText()).isEqualTo("1.2.0");
        assertThat(plugin.get("status").asText()).isEqualTo("initialized");
    }

    @Test
    void searches_the_registry_and_lists_it_as_a_repository() {
        publish(PluginJars.plugin("analytics-plugin").version("1.2.0").manifest("description", "Counts page views"));

        ApiResponse found = admin.get("/system/plugins/search?query=analytics");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("data").get("plugins").get(0).get("id").asText()).isEqualTo("analytics-plugin");
        assertThat(found.json().get("data").get("plugins").get(0).get("repository_url").asText()).isEqualTo(registry.baseUrl());

        publish(PluginJars.plugin("billing-plugin").version("1.0.0"));
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonNode repositories = admin.get("/system/plugins/repositories").json().get("data").get("repositories");
        assertThat(repositories.get(0).get("url").asText()).isEqualTo(registry.baseUrl());
        assertThat(repositories.get(0).get("enabled").asBoolean()).isTrue();
        assertThat(repositories.get(0).get("plugin_count").asLong()).as("asked now: both plugins").isEqualTo(2);
        assertThat(java.time.Instant.parse(repositories.get(0).get("last_sync").asText())).isAfterOrEqualTo(before);
        assertThat(repositories.get(0).get("error").isNull()).isTrue();
    }

    @Test
    void a_registry_that_does_not_answer_is_listed_with_no_count_the_last_answer_and_why() {
        ApiResponse answered = admin.get("/system/plugins/repositories");
        String lastSync = answered.json().at("/data/repositories/0/last_sync").asText();
        registry.close();

        ApiResponse r = admin.get("/system/plugins/repositories");

        assertThat(r.status()).isEqualTo(200);
        JsonNode gone = r.json().at("/data/repositories/0");
        assertThat(gone.get("plugin_count").isNull()).isTrue();
        assertThat(gone.get("last_sync").asText()).isEqualTo(lastSync);
        assertThat(gone.get("error").asText()).contains("Cannot reach the registry");
    }
}
