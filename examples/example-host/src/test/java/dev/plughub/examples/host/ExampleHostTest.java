package dev.plughub.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.plugin.services.DirectoryUser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example application with the three example packages (as the build produced them) installed
 * through its admin API, then seed 004's flow and the greeter's configuration, events and messages,
 * all through real HTTP.
 */
class ExampleHostTest {

    private static final String TOKEN = "example-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String JOHN = """
            {"username": "john.doe", "db_name": "system.db", "role_tag": "developer",
             "email": "john@example.com", "is_active": true}""";

    @TempDir
    Path home;

    private ExampleHost app;

    @BeforeEach
    void start_the_application_and_install_the_examples() throws Exception {
        app = ExampleHost.start(home, "127.0.0.1", 0, TOKEN);
        for (Path jar : examplePackages()) {
            Response installed = post("/system/plugins/install",
                    JSON.writeValueAsString(java.util.Map.of("source", "file", "file_path", jar.toString())));
            assertThat(installed.status()).as(installed.body().toString()).isEqualTo(200);
        }
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void seed_004s_flow_lists_checks_health_and_syncs_users_into_the_applications_directory() throws Exception {
        Response list = get("/system/plugins");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("plugins")).extracting(p -> p.get("name").asText())
                .containsExactlyInAnyOrder("minimal-plugin", "sample_sync", "greeter");
        JsonNode sampleSync = find(list.body().get("plugins"), "sample_sync");
        assertThat(sampleSync.get("scopes")).extracting(JsonNode::asText).containsExactly("users.read", "users.write");
        assertThat(sampleSync.get("status").asText()).isEqualTo("initialized");

        assertThat(post("/system/plugins/rescan", "").status()).isEqualTo(200);
        Response health = get("/system/plugins/sample_sync/health");
        assertThat(health.body().get("plugin").asText()).isEqualTo("sample_sync");
        assertThat(health.body().get("health").get("status").asText()).isEqualTo("ok");

        Response dryRun = post("/system/plugins/sample_sync/sync-users", "{\"dry_run\": true, \"users\": [" + JOHN + "], \"limit\": 0}");
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.body().get("plugin").asText()).isEqualTo("sample_sync");
        assertThat(dryRun.body().get("result")).isEqualTo(JSON.readTree("""
                {"status": "dry_run", "count": 1, "items": [
                  {"action": "would_sync", "username": "john.doe", "db_name": "system.db", "role_tag": "developer"}]}
                """));
        assertThat(app.users().findUser("john.doe")).isEmpty();

        Response synced = post("/system/plugins/sample_sync/sync-users", "{\"users\": [" + JOHN + "]}");
        assertThat(synced.body().get("result").get("status").asText()).isEqualTo("completed");
        assertThat(synced.body().get("result").get("items").get(0).get("action").asText()).isEqualTo("created");
        assertThat(app.users().findUser("john.doe"))
                .contains(new DirectoryUser("john.doe", "system.db", "developer", "john@example.com", true));

        Response again = post("/system/plugins/sample_sync/sync-users", "{\"users\": [" + JOHN + "]}");
        assertThat(again.body().get("result").get("items").get(0).get("action").asText()).isEqualTo("unchanged");
    }

    @Test
    void the_seed_004_curl_example_answers_an_empty_dry_run() throws Exception {
        Response r = post("/system/plugins/sample_sync/sync-users", "{\"dry_run\":true}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("result").get("status").asText()).isEqualTo("dry_run");
        assertThat(r.body().get("result").get("count").asInt()).isZero();
    }

    @Test
    void sample_sync_honours_the_limit() throws Exception {
        String two = "[" + JOHN + ", {\"username\": \"jane\"}]";

        Response r = post("/system/plugins/sample_sync/sync-users", "{\"dry_run\": true, \"users\": " + two + ", \"limit\": 1}");

        assertThat(r.body().get("result").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void a_sync_with_a_negative_limit_is_refused_as_the_callers_mistake_not_a_plugin_failure() throws Exception {
        Response r = post("/system/plugins/sample_sync/sync-users", "{\"dry_run\": true, \"limit\": -1}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(r.body().get("error").asText()).contains("limit must be a whole number");
    }

    @Test
    void once_users_write_is_revoked_the_sync_is_refused_and_the_directory_is_untouched() throws Exception {
        Response revoked = put("/system/plugins/sample_sync/permissions", "{\"revoke\": [\"users.write\"]}");
        assertThat(revoked.status()).isEqualTo(200);

        Response refused = post("/system/plugins/sample_sync/sync-users", "{\"users\": [" + JOHN + "]}");

        assertThat(refused.status()).isNotEqualTo(200);
        assertThat(refused.body().get("success").asBoolean()).isFalse();
        assertThat(refused.body().get("error").asText()).contains("users.write");
        assertThat(app.users().findUser("john.doe")).isEmpty();
    }

    @Test
    void the_minimal_plugin_answers_its_action() throws Exception {
        Response r = post("/system/plugins/minimal-plugin/actions/hello", "{\"name\": \"Plughub\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("result").get("message").asText()).isEqualTo("Hello, Plughub!");
    }

    @Test
    void the_greeter_keeps_its_secret_greets_as_configured_and_hears_its_own_events() throws Exception {
        Response configured = put("/system/plugins/greeter/config", "{\"greeting\": \"Bonjour\", \"api_key\": \"k-123\"}");
        assertThat(configured.status()).isEqualTo(200);
        assertThat(configured.body().get("data").get("configuration").get("api_key").asText()).isEqualTo("***hidden***");

        Response greeted = post("/system/plugins/greeter/actions/greet", "{\"name\": \"Ada\"}");
        assertThat(greeted.body().get("result").get("greeting").asText()).isEqualTo("Bonjour, Ada!");
        assertThat(get("/system/plugins/greeter/logs?level=INFO").body().toString())
                .as("what the README's tour shows").contains("greeted Ada").doesNotContain("k-123");

        Response viaMessage = post("/system/plugins/greeter/message", "{\"message_type\": \"greet\", \"data\": {\"name\": \"Grace\"}}");
        assertThat(viaMessage.body().get("data").get("response").get("data").get("greeting").asText()).isEqualTo("Bonjour, Grace!");
        Response unknownType = post("/system/plugins/greeter/message", "{\"message_type\": \"user_stats_request\"}");
        assertThat(unknownType.status()).as("the sender's mistake, said by the plugin").isEqualTo(422);
        assertThat(unknownType.body().get("error").asText()).contains("greeter answers 'greet' and 'stats' messages");

        assertThat(eventsHeard()).isEqualTo(1);
    }

    @Test
    void the_greeter_refuses_a_configuration_its_schema_does_not_allow() throws Exception {
        Response r = put("/system/plugins/greeter/config", "{\"language\": \"klingon\", \"volume\": 11}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("code").asText()).isEqualTo("PLUGIN_CONFIGURATION_ERROR");
        assertThat(post("/system/plugins/greeter/actions/greet", "{}").body().get("result").get("greeting").asText())
                .isEqualTo("Hello, world!");
    }

    /** Events are delivered asynchronously: ask until the greeter has heard its event (bounded). */
    private long eventsHeard() throws Exception {
        long heard = 0;
        for (int attempt = 0; attempt < 100 && heard == 0; attempt++) {
            JsonNode stats = post("/system/plugins/greeter/message", "{\"message_type\": \"stats\"}")
                    .body().get("data").get("response").get("data").get("events_heard");
            heard = stats.path("plugin.greeter.greeted").asLong(0);
            if (heard == 0) {
                Thread.sleep(50);
            }
        }
        return heard;
    }

    private static List<Path> examplePackages() {
        String listed = System.getProperty("plughub.examples.packages");
        assertThat(listed).as("the build passes the example packages' paths").isNotBlank();
        List<Path> jars = Arrays.stream(listed.split(",")).map(Path::of).toList();
        assertThat(jars).allMatch(Files::isRegularFile, "built by the normal build");
        return jars;
    }

    private static JsonNode find(JsonNode plugins, String name) {
        for (JsonNode p : plugins) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no plugin " + name + " in " + plugins);
    }

    private record Response(int status, JsonNode body) {
    }

    private Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Response post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(request.header("X-Nebula-Token", TOKEN)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), JSON.readTree(r.body()));
    }
}
