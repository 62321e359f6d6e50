package dev.plughub.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import dev.plughub.registry.testing.ApiResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 004's requests, exactly as written, against a real host through real HTTP. */
class Seed004ApiTest {

    @TempDir
    Path home;

    /** A stand-in for seed 004's sample_sync: its sync-users action answers seed 004's result shape. */
    private Path sampleSync() {
        return PluginJars.plugin("sample_sync").version("0.1.0")
                .manifest("description", "Sample user sync plugin for plugin_api_v1")
                .scopes("users.read", "users.write")
                .action("sync-users", """
                        List<Object> users = (List<Object>) input.getOrDefault("users", List.of());
                        List<Object> items = new ArrayList<>();
                        for (Object u : users) {
                            Map<String, Object> user = (Map<String, Object>) u;
                            items.add(Map.of("action", "would_sync", "username", user.get("username"),
                                    "db_name", user.get("db_name"), "role_tag", user.get("role_tag")));
                        }
                        return Map.of("status", Boolean.TRUE.equals(input.get("dry_run")) ? "dry_run" : "completed",
                                "count", items.size(), "items", items);
                        """)
                .buildAs(home.resolve("plugins").resolve("sample_sync.jar"));
    }

    @Test
    void lists_plugins_with_seed_004s_fields() {
        sampleSync();
        Instant before = Instant.now();
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.get("/system/plugins");

            assertThat(r.status()).isEqualTo(200);
            JsonNode plugin = r.json().get("plugins").get(0);
            assertThat(plugin.get("name").asText()).isEqualTo("sample_sync");
            assertThat(plugin.get("source").asText()).isEqualTo("in_process");
            assertThat(plugin.get("api_version").asText()).isEqualTo("v1");
            assertThat(plugin.get("version").asText()).isEqualTo("0.1.0");
            assertThat(plugin.get("description").asText()).isEqualTo("Sample user sync plugin for plugin_api_v1");
            assertThat(plugin.get("scopes")).extracting(JsonNode::asText).containsExactly("users.read", "users.write");
            assertThat(plugin.get("status").asText()).as("seed 004's word for a running plugin").isEqualTo("initialized");
            assertThat(plugin.get("message").asText()).isEqualTo("initialized");
            assertThat(plugin.get("error").asText()).isEmpty();
            assertThat(plugin.get("initialized_at").isNumber()).isTrue();
            assertThat(plugin.get("initialized_at").asDouble()).isBetween(before.getEpochSecond() - 1.0, Instant.now().getEpochSecond() + 1.0);
            assertThat(plugin.get("updated_at").isNumber()).isTrue();
            assertThat(r.text()).as("times written as plain decimals, as seed 004 shows them")
                    .containsPattern("\"initialized_at\":\\d{10}\\.\\d{6}[,}]");
            assertThat(r.json().get("data").get("plugins").get(0).get("id").asText()).isEqualTo("sample_sync");
            assertThat(r.json().get("data").get("summary").get("active").asInt()).isEqualTo(1);
        }
    }

    @Test
    void rescan_loads_a_package_dropped_into_the_plugins_directory() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            assertThat(admin.get("/system/plugins").json().get("plugins")).isEmpty();
            sampleSync();

            ApiResponse r = admin.post("/system/plugins/rescan", "");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("data").get("added")).extracting(JsonNode::asText).containsExactly("sample_sync");
            assertThat(admin.get("/system/plugins").json().get("plugins").get(0).get("status").asText()).isEqualTo("initialized");
        }
    }

    @Test
    void health_answers_with_the_plugin_and_its_status() {
        sampleSync();
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.get("/system/plugins/sample_sync/health");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("plugin").asText()).isEqualTo("sample_sync");
            assertThat(r.json().get("health").get("status").asText()).isEqualTo("ok");
            assertThat(r.json().get("health").get("state").asText()).isEqualTo("active");
        }
    }

    @Test
    void health_also_answers_seed_002s_shape_with_the_checks_as_a_list() {
        PluginJars.plugin("checked")
                .health("return Health.degraded(\"slow\").withCheck(\"database\", \"ok\")"
                        + ".withCheck(\"external_api\", Map.of(\"status\", \"warning\", \"response_time_ms\", 850));")
                .buildAs(home.resolve("plugins").resolve("checked.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.get("/system/plugins/checked/health");

            assertThat(r.json().at("/health/status").asText()).isEqualTo("degraded");
            assertThat(r.json().at("/health/checks/database").asText()).isEqualTo("ok");
            JsonNode seed002 = r.json().at("/data/health");
            assertThat(seed002.get("status").asText()).isEqualTo("degraded");
            assertThat(seed002.at("/metrics/requests_per_minute").isNumber()).isTrue();
            assertThat(seed002.get("checks")).hasSize(2);
            assertThat(seed002.at("/checks/0/name").asText()).isEqualTo("database");
            assertThat(seed002.at("/checks/0/status").asText()).isEqualTo("ok");
            assertThat(seed002.at("/checks/1/name").asText()).isEqualTo("external_api");
            assertThat(seed002.at("/checks/1/status").asText()).isEqualTo("warning");
            assertThat(seed002.at("/checks/1/response_time_ms").asInt()).isEqualTo(850);
            assertThat(seed002.at("/metrics/calls").asLong()).isPositive();
        }
    }

    @Test
    void a_plugin_that_hangs_in_health_is_reported_down_and_the_api_keeps_answering() {
        PluginJars.plugin("sleepy").health("Thread.sleep(60_000); return Health.ok();")
                .buildAs(home.resolve("plugins").resolve("sleepy.jar"));
        sampleSync();
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.get("/system/plugins/sleepy/health");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("health").get("status").asText()).isIn("down", "unknown");
            assertThat(admin.get("/system/plugins/sample_sync/health").json().get("health").get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void sync_users_runs_the_plugins_action_and_answers_with_its_result() {
        sampleSync();
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.post("/system/plugins/sample_sync/sync-users", """
                    {"dry_run": true,
                     "users": [{"username": "john.doe", "db_name": "system.db", "role_tag": "developer",
                                "email": "john@example.com", "is_active": true}],
                     "limit": 0}
                    """);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("success").asBoolean()).isTrue();
            assertThat(r.json().get("plugin").asText()).isEqualTo("sample_sync");
            JsonNode result = r.json().get("result");
            assertThat(result.get("status").asText()).isEqualTo("dry_run");
            assertThat(result.get("count").asInt()).isEqualTo(1);
            assertThat(result.get("items").get(0).get("action").asText()).isEqualTo("would_sync");
            assertThat(result.get("items").get(0).get("username").asText()).isEqualTo("john.doe");
        }
    }

    @Test
    void an_unknown_plugin_is_a_404_in_the_error_envelope() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.get("/system/plugins/nobody/health");

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
            assertThat(r.json().get("error").asText()).contains("nobody");
        }
    }

    @Test
    void sync_users_on_a_plugin_without_that_action_is_a_404_naming_the_action() {
        PluginJars.plugin("plain").buildAs(home.resolve("plugins").resolve("plain.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.post("/system/plugins/plain/sync-users", "{\"dry_run\": true}");

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_ACTION_NOT_FOUND");
            assertThat(r.json().get("error").asText()).contains("sync-users");
        }
    }

    @Test
    void an_answer_of_a_plugin_that_is_not_json_is_the_plugins_failure_and_shows_nothing_of_it() throws Exception {
        PluginJars.plugin("odd_answers").version("0.1.0")
                .action("thread", "return Map.of(\"t\", Thread.currentThread());")
                .action("itself", """
                        Map<String, Object> loop = new java.util.HashMap<>();
                        loop.put("me", loop);
                        return loop;
                        """)
                .action("plain", "return Map.of(\"list\", List.of(1, 2.5, \"x\", true), \"none\", java.util.Collections.singletonMap(\"k\", null));")
                .buildAs(home.resolve("plugins").resolve("odd_answers.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse thread = admin.post("/system/plugins/odd_answers/actions/thread", "{}");
            ApiResponse itself = admin.post("/system/plugins/odd_answers/actions/itself", "{}");

            for (ApiResponse r : List.of(thread, itself)) {
                assertThat(r.status()).isEqualTo(500);
                assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_ACTION_FAILED");
                assertThat(r.json().get("error").asText()).startsWith("Plugin odd_answers answered with a result that cannot be sent as JSON");
            }
            assertThat(thread.json().get("error").asText()).contains("result.t is a java.lang.").doesNotContain("VirtualThreads");
            assertThat(itself.json().get("error").asText()).contains("contain itself");
            ApiResponse plain = admin.post("/system/plugins/odd_answers/actions/plain", "{}");
            assertThat(plain.status()).isEqualTo(200);
            assertThat(plain.json().at("/result/list").toString()).isEqualTo("[1,2.5,\"x\",true]");
        }
    }

    @Test
    void a_body_that_ends_before_its_declared_length_is_a_400() throws Exception {
        sampleSync();
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home));
             Socket socket = new Socket("127.0.0.1", admin.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT /system/plugins/sample_sync/config HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Nebula-Token: " + RunningAdmin.HOST_TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 400\r\n\r\n{\"config\": {\"greeting\": \"hel").getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();   // a client that gave up halfway

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400 ").contains("\"code\":\"BAD_REQUEST\"", "ended before all of it arrived");
        }
    }

    @Test
    void a_body_that_is_not_json_is_a_422_naming_the_body() {
        sampleSync();
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.post("/system/plugins/sample_sync/sync-users", "{\"dry_run\": tru");

            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(r.json().get("details").get("body").get(0).asText()).contains("not valid JSON");
        }
    }

    @Test
    void a_nul_or_an_unpaired_surrogate_in_a_body_or_query_is_a_422_naming_where_and_nothing_runs() {
        sampleSync();
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse nul = admin.post("/system/plugins/sample_sync/sync-users",
                    "{\"dry_run\": true, \"users\": [{\"username\": \"jo\\u0000hn\"}]}");
            assertThat(nul.status()).isEqualTo(422);
            assertThat(nul.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(nul.json().at("/details/users[0].username/0").asText()).contains("NUL");

            ApiResponse surrogate = admin.post("/system/plugins/sample_sync/disable", "{\"reason\": \"\\ud800\"}");
            assertThat(surrogate.status()).isEqualTo(422);
            assertThat(surrogate.json().at("/details/reason/0").asText()).contains("unpaired surrogate");
            assertThat(admin.get("/system/plugins").json().at("/plugins/0/enabled").asBoolean()).as("not disabled").isTrue();

            ApiResponse query = admin.get("/system/plugins?search=a%00b");
            assertThat(query.status()).isEqualTo(422);
            assertThat(query.json().get("code").asText()).as("the host API's own code").isEqualTo("VALIDATION_ERROR");
            assertThat(query.json().at("/details/search/0").asText()).contains("NUL");
        }
    }

    @Test
    void a_plugin_refusing_its_input_is_a_422_whose_details_name_the_body() {
        PluginJars.plugin("picky").action("check", "throw new dev.plughub.plugin.InvalidInputException(\"limit must be 0 or more\");")
                .buildAs(home.resolve("plugins").resolve("picky.jar"));
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.post("/system/plugins/picky/actions/check", "{\"limit\": -1}");

            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(r.json().at("/details/body/0").asText()).isEqualTo("limit must be 0 or more");
        }
    }
}
