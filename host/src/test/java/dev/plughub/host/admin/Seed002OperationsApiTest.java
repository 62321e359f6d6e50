package dev.plughub.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import dev.plughub.registry.testing.ApiResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 002's operations under /system/plugins, through real HTTP against a real host. */
class Seed002OperationsApiTest {

    @TempDir
    Path home;

    private static final Map<String, Object> SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of(
                    "batch_size", Map.of("type", "integer", "minimum", 10, "default", 50),
                    "api_key", Map.of("type", "string", "writeOnly", true)));

    private String installBody(Path jar) {
        return "{\"source\": \"file\", \"file_path\": \"" + jar.toString().replace("\\", "\\\\") + "\"}";
    }

    @Test
    void installs_from_a_file_then_refuses_the_same_id_again() {
        Path jar = PluginJars.plugin("analytics-plugin").version("1.2.0").build(home.resolve("build"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.post("/system/plugins/install", installBody(jar));

            assertThat(r.status()).isEqualTo(200);
            JsonNode installation = r.json().get("data").get("installation");
            assertThat(installation.get("plugin_id").asText()).isEqualTo("analytics-plugin");
            assertThat(installation.get("status").asText()).isEqualTo("completed");
            assertThat(installation.get("version").asText()).isEqualTo("1.2.0");
            assertThat(r.json().get("data").get("plugin").get("status").asText()).isEqualTo("active");

            ApiResponse again = admin.post("/system/plugins/install", installBody(jar));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("code").asText()).isEqualTo("PLUGIN_ALREADY_INSTALLED");
        }
    }

    @Test
    void reads_the_json_body_that_curl_d_sends_as_a_form() {
        Path jar = PluginJars.plugin("analytics-plugin").build(home.resolve("build"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.sendRaw("POST", "/system/plugins/install", installBody(jar), "application/x-www-form-urlencoded");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("data").get("installation").get("plugin_id").asText()).isEqualTo("analytics-plugin");
        }
    }

    @Test
    void a_dry_run_install_shows_the_plan_and_installs_nothing() {
        Path jar = PluginJars.plugin("analytics-plugin").version("1.2.0").build(home.resolve("build"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.post("/system/plugins/install",
                    "{\"source\": \"file\", \"dry_run\": true, \"file_path\": \"" + jar + "\"}");

            assertThat(r.status()).isEqualTo(200);
            JsonNode planned = r.json().get("data").get("plan").get("plugins").get(0);
            assertThat(planned.get("id").asText()).isEqualTo("analytics-plugin");
            assertThat(planned.get("action").asText()).isEqualTo("install");
            assertThat(admin.get("/system/plugins").json().get("plugins")).isEmpty();
        }
    }

    @Test
    void fields_of_the_wrong_type_are_a_422_naming_each_field() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.post("/system/plugins/install",
                    "{\"source\": \"teleport\", \"auto_enable\": \"yes\", \"config\": [1]}");

            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(r.json().get("details").fieldNames()).toIterable().contains("source", "auto_enable", "config");
        }
    }

    @Test
    void a_body_with_a_key_given_twice_or_text_after_it_is_refused_and_nothing_is_installed() {
        Path jar = PluginJars.plugin("analytics-plugin").build(home.resolve("build"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            for (String body : new String[] {
                    "{\"source\": \"file\", \"file_path\": \"/nowhere.jar\", \"file_path\": \"" + jar + "\"}",
                    "{\"source\": \"file\", \"file_path\": \"" + jar + "\"} {\"force\": true}"}) {
                ApiResponse r = admin.post("/system/plugins/install", body);

                assertThat(r.status()).as(body).isEqualTo(422);
                assertThat(r.json().get("details").get("body").get(0).asText()).contains("not valid JSON");
            }
            assertThat(admin.get("/system/plugins").json().get("plugins")).isEmpty();
        }
    }

    @Test
    void disables_enables_and_restarts_a_plugin() {
        PluginJars.plugin("worker").buildAs(home.resolve("plugins").resolve("worker.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse disabled = admin.post("/system/plugins/worker/disable", "{\"reason\": \"Maintenance\"}");
            assertThat(disabled.status()).isEqualTo(200);
            assertThat(disabled.json().get("data").get("reason").asText()).isEqualTo("Maintenance");
            assertThat(disabled.json().get("data").get("enabled").asBoolean()).isFalse();
            assertThat(admin.post("/system/plugins/worker/actions/echo", "{}").status()).isNotEqualTo(200);

            ApiResponse enabled = admin.post("/system/plugins/worker/enable", "");
            assertThat(enabled.status()).isEqualTo(200);
            assertThat(enabled.json().get("data").get("status").asText()).isEqualTo("active");

            ApiResponse restarted = admin.post("/system/plugins/worker/restart", "{\"reason\": \"Configuration change\"}");
            assertThat(restarted.status()).isEqualTo(200);
            assertThat(restarted.json().get("data").get("status").asText()).isEqualTo("active");
            assertThat(admin.post("/system/plugins/worker/actions/echo", "{\"x\": 1}").json().get("result").get("x").asInt()).isEqualTo(1);
        }
    }

    @Test
    void hides_secrets_and_only_the_operator_key_may_reveal_them() {
        PluginJars.plugin("analytics-plugin").manifest("config_schema", SCHEMA)
                .buildAs(home.resolve("plugins").resolve("analytics-plugin.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse changed = admin.put("/system/plugins/analytics-plugin/config", "{\"batch_size\": 200, \"api_key\": \"s3cret\"}");
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().get("data").get("configuration").get("api_key").asText()).isEqualTo("***hidden***");
            assertThat(changed.json().get("data").get("updated_fields")).extracting(JsonNode::asText).contains("batch_size", "api_key");

            ApiResponse shown = admin.get("/system/plugins/analytics-plugin/config");
            assertThat(shown.json().get("data").get("configuration").get("batch_size").asInt()).isEqualTo(200);
            assertThat(shown.json().get("data").get("configuration").get("api_key").asText()).isEqualTo("***hidden***");

            ApiResponse byHostToken = admin.get("/system/plugins/analytics-plugin/config?reveal_secrets=true");
            assertThat(byHostToken.status()).isEqualTo(403);
            assertThat(byHostToken.json().get("code").asText()).isEqualTo("PLUGIN_PERMISSION_DENIED");

            ApiResponse byOperator = admin.send("GET", "/system/plugins/analytics-plugin/config?reveal_secrets=true", null,
                    "X-Plughub-Token", RunningAdmin.OPERATOR_KEY);
            assertThat(byOperator.json().get("data").get("configuration").get("api_key").asText()).isEqualTo("s3cret");
        }
    }

    @Test
    void a_configuration_that_breaks_the_schema_is_refused_and_nothing_is_stored() {
        PluginJars.plugin("analytics-plugin").manifest("config_schema", SCHEMA)
                .buildAs(home.resolve("plugins").resolve("analytics-plugin.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.put("/system/plugins/analytics-plugin/config", "{\"batch_size\": 3}");

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_CONFIGURATION_ERROR");
            assertThat(r.json().get("details").has("batch_size")).isTrue();
            assertThat(admin.get("/system/plugins/analytics-plugin/config").json().get("data").get("configuration")
                    .get("batch_size").asInt()).isEqualTo(50);
        }
    }

    @Test
    void a_setting_that_needs_a_restart_reaches_the_plugin_at_its_restart_and_the_others_at_once() {
        PluginJars.plugin("tuned").manifest("config_schema", Map.of("type", "object", "properties", Map.of(
                        "batch_size", Map.of("type", "integer", "default", 50),
                        "pool", Map.of("type", "integer", "default", 4, "x-restart-required", true))))
                .action("show", "return context.config();")
                .buildAs(home.resolve("plugins").resolve("tuned.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse changed = admin.put("/system/plugins/tuned/config", "{\"batch_size\": 80, \"pool\": 8}");
            assertThat(changed.json().at("/data/restart_required").asBoolean()).isTrue();

            JsonNode seen = admin.post("/system/plugins/tuned/actions/show", "{}").json().get("result");
            assertThat(seen.get("batch_size").asInt()).as("no restart needed: at once").isEqualTo(80);
            assertThat(seen.get("pool").asInt()).as("needs a restart: as it started").isEqualTo(4);

            admin.post("/system/plugins/tuned/restart", "{}");
            assertThat(admin.post("/system/plugins/tuned/actions/show", "{}").json().at("/result/pool").asInt()).isEqualTo(8);
        }
    }

    @Test
    void a_configuration_change_without_a_body_is_a_422_saying_what_to_send() {
        PluginJars.plugin("schemaless").buildAs(home.resolve("plugins").resolve("schemaless.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            for (String body : new String[] {"", "null"}) {
                ApiResponse r = admin.sendRaw("PUT", "/system/plugins/schemaless/config", body, "application/json");

                assertThat(r.status()).as("'%s'", body).isEqualTo(422);
                assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
                assertThat(r.json().at("/details/body/0").asText()).contains("is required", "settings to change");
            }
        }
    }

    @Test
    void a_number_too_large_for_any_field_is_a_422_naming_it() {
        PluginJars.plugin("schemaless").buildAs(home.resolve("plugins").resolve("schemaless.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.put("/system/plugins/schemaless/config", "{\"config\": {\"limits\": [1, 1e400]}}");

            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().at("/details/config.limits[1]/0").asText()).contains("too large");
            assertThat(admin.get("/system/plugins/schemaless/config").json().at("/data/configuration").has("limits")).isFalse();
        }
    }

    @Test
    void shows_and_changes_a_plugins_scopes() {
        PluginJars.plugin("syncer").scopes("users.read", "users.write", "files.delete")
                .buildAs(home.resolve("plugins").resolve("syncer.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            JsonNode permissions = admin.get("/system/plugins/syncer/permissions").json().get("data").get("permissions");
            assertThat(permissions.get("granted")).extracting(JsonNode::asText).containsExactly("users.read", "users.write");
            assertThat(permissions.get("denied")).extracting(JsonNode::asText).containsExactly("files.delete");
            assertThat(admin.get("/system/plugins/syncer/permissions").json().at("/data/sandbox_enabled").asBoolean(true))
                    .as("an in-process plugin shares the host's JVM").isFalse();

            ApiResponse revoked = admin.put("/system/plugins/syncer/permissions", "{\"grant\": [], \"revoke\": [\"users.write\"]}");
            assertThat(revoked.status()).isEqualTo(200);
            assertThat(revoked.json().get("data").get("permissions").get("granted")).extracting(JsonNode::asText)
                    .containsExactly("users.read");

            ApiResponse outsidePolicy = admin.put("/system/plugins/syncer/permissions", "{\"grant\": [\"files.delete\"]}");
            assertThat(outsidePolicy.status()).isIn(403, 422);
            assertThat(outsidePolicy.json().get("error").asText()).contains("files.delete");
        }
    }

    @Test
    void answers_logs_and_metrics_of_a_plugin() {
        PluginJars.plugin("chatty")
                .initialize("context.logger().log(System.Logger.Level.INFO, \"ready to chat\");"
                        + "context.logger().log(System.Logger.Level.WARNING, \"low on coffee\");")
                .buildAs(home.resolve("plugins").resolve("chatty.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            admin.post("/system/plugins/chatty/actions/echo", "{}");

            JsonNode warnings = admin.get("/system/plugins/chatty/logs?level=WARNING").json().get("data");
            assertThat(warnings.get("logs")).extracting(l -> l.get("message").asText()).containsExactly("low on coffee");
            JsonNode searched = admin.get("/system/plugins/chatty/logs?search=CHAT&limit=10").json().get("data");
            assertThat(searched.get("logs")).extracting(l -> l.get("message").asText()).containsExactly("ready to chat");

            JsonNode metrics = admin.get("/system/plugins/chatty/metrics?resolution=5m").json().get("data");
            assertThat(metrics.get("time_range").get("resolution").asText()).isEqualTo("5m");
            assertThat(metrics.get("totals").get("count").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(metrics.get("operations").fieldNames()).toIterable().anyMatch(name -> name.contains("echo"));

            ApiResponse badLevel = admin.get("/system/plugins/chatty/logs?level=LOUD&limit=0");
            assertThat(badLevel.status()).isEqualTo(422);
            assertThat(badLevel.json().get("details").fieldNames()).toIterable().contains("level", "limit");
        }
    }

    @Test
    void sends_a_message_and_broadcasts_with_exclusions() {
        PluginJars.plugin("alpha").buildAs(home.resolve("plugins").resolve("alpha.jar"));
        PluginJars.plugin("beta").buildAs(home.resolve("plugins").resolve("beta.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.post("/system/plugins/alpha/message",
                    "{\"target_plugin\": \"beta\", \"message_type\": \"data_request\", \"data\": {\"q\": 1}, \"timeout_seconds\": 5}");
            assertThat(r.status()).isEqualTo(200);
            JsonNode response = r.json().get("data").get("response");
            assertThat(response.get("status").asText()).isEqualTo("success");
            assertThat(response.get("data").get("plugin").asText()).isEqualTo("beta");
            assertThat(response.get("data").get("type").asText()).isEqualTo("data_request");
            assertThat(response.get("data").get("from").asText()).as("seed 002: the path names the sender").isEqualTo("alpha");
            assertThat(r.json().get("data").get("from").asText()).isEqualTo("alpha");

            ApiResponse toPath = admin.post("/system/plugins/beta/message", "{\"message_type\": \"ping\"}");
            assertThat(toPath.json().get("data").get("response").get("data").get("from").asText()).isEqualTo("host");
            ApiResponse fromNobody = admin.post("/system/plugins/user-management/message",
                    "{\"target_plugin\": \"beta\", \"message_type\": \"ping\"}");
            assertThat(fromNobody.status()).isEqualTo(404);
            assertThat(fromNobody.json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");

            ApiResponse broadcast = admin.post("/system/plugins/broadcast",
                    "{\"message_type\": \"system_announcement\", \"data\": {}, \"exclude_plugins\": [\"alpha\"]}");
            assertThat(broadcast.status()).isEqualTo(200);
            assertThat(broadcast.json().get("data").get("delivered")).extracting(JsonNode::asText).containsExactly("beta");
        }
    }

    @Test
    void a_message_to_a_plugin_without_a_message_handler_is_the_senders_404_not_the_plugins_failure() {
        PluginJars.Builder quiet = PluginJars.plugin("quiet").source("Quiet", """
                import dev.plughub.plugin.*;
                public class Quiet implements Plugin {
                    @Override public void initialize(PluginContext context) { }
                }
                """);
        quiet.entryPoint(quiet.packageName() + ".Quiet").buildAs(home.resolve("plugins").resolve("quiet.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.post("/system/plugins/quiet/message", "{\"message_type\": \"ping\"}");

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_ACTION_NOT_FOUND");
            assertThat(r.json().get("error").asText()).contains("quiet does not take messages");
            JsonNode health = admin.get("/system/plugins/quiet/health").json().at("/data/health/metrics");
            assertThat(health.get("errors").asInt()).as("not counted against the plugin").isZero();
            assertThat(health.get("last_error").asText()).isEmpty();
        }
    }

    @Test
    void the_list_and_detail_carry_seed_002s_fields_from_what_the_host_knows() {
        PluginJars.plugin("base-lib").buildAs(home.resolve("plugins").resolve("base-lib.jar"));
        PluginJars.plugin("auth-plugin").dependsOn("base-lib", "^1.0.0")
                .manifest("author", "Nexus Team").manifest("email", "team@nexus.dev").manifest("homepage", "https://example.com/auth")
                .manifest("tags", List.of("auth", "security")).manifest("license", "MIT")
                .manifest("events", Map.of("emits", List.of(Map.of("type", "user.login", "description", "on login")),
                        "subscribes", List.of("system.startup")))
                .manifest("config_schema", SCHEMA)
                .scopes("users.read", "http.external")
                .initialize("context.logger().log(System.Logger.Level.INFO, \"Plugin initialized successfully\");")
                .buildAs(home.resolve("plugins").resolve("auth-plugin.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            admin.put("/system/plugins/auth-plugin/config", "{\"api_key\": \"s3cret\"}");
            admin.post("/system/plugins/auth-plugin/actions/echo", "{}");

            JsonNode plugin = admin.get("/system/plugins/auth-plugin").json().get("data").get("plugin");

            assertThat(plugin.get("author").asText()).isEqualTo("Nexus Team");
            assertThat(plugin.get("email").asText()).isEqualTo("team@nexus.dev");
            assertThat(plugin.at("/metrics/performance/requests_per_minute").asDouble())
                    .as("the calls of the last five minutes, a fifth of them a minute").isPositive();
            assertThat(plugin.get("homepage").asText()).isEqualTo("https://example.com/auth");
            assertThat(plugin.get("tags")).extracting(JsonNode::asText).containsExactly("auth", "security");
            assertThat(plugin.get("health").asText()).isEqualTo("healthy");
            assertThat(plugin.get("load_order").asInt()).isEqualTo(2);
            assertThat(plugin.at("/manifest/license").asText()).isEqualTo("MIT");
            assertThat(plugin.at("/manifest/dependencies/plugins/base-lib").asText()).isEqualTo("^1.0.0");
            assertThat(plugin.at("/events/emits/0/type").asText()).as("the detail: seed 002's objects").isEqualTo("user.login");
            assertThat(plugin.at("/events/emits/0/description").asText()).isEqualTo("on login");
            assertThat(plugin.at("/events/subscribes/0/type").asText()).isEqualTo("system.startup");
            assertThat(plugin.at("/events/subscribes/0/description").isNull()).as("none given").isTrue();
            assertThat(plugin.get("permissions")).extracting(JsonNode::asText).containsExactly("users.read");
            assertThat(plugin.get("requested_permissions")).extracting(JsonNode::asText)
                    .containsExactly("http.external", "users.read");
            assertThat(plugin.at("/configuration/current/api_key").asText()).isEqualTo("***hidden***");
            assertThat(plugin.at("/configuration/current/batch_size").asInt()).isEqualTo(50);
            assertThat(plugin.at("/configuration/schema/properties/batch_size/minimum").asInt()).isEqualTo(10);
            assertThat(plugin.at("/metrics/usage/total_requests").asLong()).isPositive();
            assertThat(plugin.get("logs")).extracting(l -> l.get("message").asText()).contains("Plugin initialized successfully");
            assertThat(plugin.get("installed_at").asText()).endsWith("Z");

            JsonNode listed = admin.get("/system/plugins?search=auth").json().at("/data/plugins/0");
            assertThat(listed.get("id").asText()).isEqualTo("auth-plugin");
            assertThat(listed.at("/configuration/api_key").asText()).isEqualTo("***hidden***");
            assertThat(listed.at("/metrics/requests_handled").asLong()).isPositive();
            assertThat(listed.at("/events/emits/0").asText()).as("the list: names, as seed 002's list shows").isEqualTo("user.login");
            assertThat(listed.has("logs")).isFalse();
            assertThat(admin.get("/system/plugins/base-lib").json().at("/data/plugin/load_order").asInt()).isEqualTo(1);
        }
    }

    @Test
    void the_list_filters_by_seed_002s_status_words_and_refuses_others() {
        PluginJars.plugin("alpha").buildAs(home.resolve("plugins").resolve("alpha.jar"));
        PluginJars.plugin("beta").buildAs(home.resolve("plugins").resolve("beta.jar"));
        PluginJars.plugin("crashy").initialize("throw new IllegalStateException(\"no\");")
                .buildAs(home.resolve("plugins").resolve("crashy.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            admin.post("/system/plugins/beta/disable", "");

            assertThat(names(admin.get("/system/plugins?status=active"))).containsExactly("alpha");
            assertThat(names(admin.get("/system/plugins?status=inactive"))).containsExactly("beta");
            assertThat(names(admin.get("/system/plugins?status=error"))).containsExactly("crashy");
            assertThat(names(admin.get("/system/plugins?status=failed"))).containsExactly("crashy");
            assertThat(names(admin.get("/system/plugins?status=loading"))).isEmpty();
            ApiResponse bogus = admin.get("/system/plugins?status=bogus");
            assertThat(bogus.status()).isEqualTo(422);
            assertThat(bogus.json().at("/details/status/0").asText()).contains("inactive", "failed");
        }
    }

    private static List<String> names(ApiResponse list) {
        List<String> names = new java.util.ArrayList<>();
        list.json().get("plugins").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    @Test
    void refuses_to_uninstall_a_plugin_others_need_unless_forced() {
        PluginJars.plugin("base-lib").buildAs(home.resolve("plugins").resolve("base-lib.jar"));
        PluginJars.plugin("app").dependsOn("base-lib", "^1.0.0").buildAs(home.resolve("plugins").resolve("app.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse refused = admin.delete("/system/plugins/base-lib");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("code").asText()).isEqualTo("PLUGIN_DEPENDENCY_ERROR");
            assertThat(refused.json().get("error").asText()).contains("app");

            ApiResponse forced = admin.delete("/system/plugins/base-lib?force=true&backup=true&cleanup_data=true");
            assertThat(forced.status()).isEqualTo(200);
            JsonNode uninstallation = forced.json().get("data").get("uninstallation");
            assertThat(uninstallation.get("status").asText()).isEqualTo("completed");
            assertThat(uninstallation.get("backup_created").asBoolean()).isTrue();
            assertThat(uninstallation.get("data_removed").asBoolean()).isTrue();
            assertThat(admin.get("/system/plugins").json().get("plugins")).extracting(p -> p.get("name").asText())
                    .containsExactly("app");
        }
    }

    @Test
    void lists_no_repositories_when_the_host_has_none() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.get("/system/plugins/repositories");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("data").get("repositories")).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(List.of()));
        }
    }
}
