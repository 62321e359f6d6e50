package dev.plughub.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The out-of-process example (examples/grpc-sync, its zip as the build produced it) installed in
 * the example application through the admin API; seed 004's requests then reach its own JVM over gRPC.
 */
class GrpcSyncExampleTest {

    private static final String TOKEN = "example-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void seed_004s_sync_users_runs_in_the_plugins_own_process() throws Exception {
        Path zip = Path.of(System.getProperty("plughub.examples.grpc-sync", ""));
        assertThat(zip).as("built by the normal build").isRegularFile();
        try (ExampleHost app = ExampleHost.start(home, "127.0.0.1", 0, TOKEN)) {
            JsonNode installed = send(app, "POST", "/system/plugins/install",
                    JSON.writeValueAsString(Map.of("source", "file", "file_path", zip.toString())));
            assertThat(installed.toString()).contains("grpc_sync");
            JsonNode listed = send(app, "GET", "/system/plugins", null).get("plugins").get(0);
            assertThat(listed.get("status").asText()).as(listed.toString()).isEqualTo("initialized");
            assertThat(listed.get("source").asText()).isEqualTo("grpc");

            String john = """
                    {"username": "john.doe", "db_name": "system.db", "role_tag": "developer",
                     "email": "john@example.com", "is_active": true}""";
            JsonNode dryRun = send(app, "POST", "/system/plugins/grpc_sync/sync-users",
                    "{\"dry_run\": true, \"users\": [" + john + "], \"limit\": 0}");
            assertThat(dryRun.get("result")).isEqualTo(JSON.readTree("""
                    {"status": "dry_run", "count": 1, "items": [
                      {"action": "would_sync", "username": "john.doe", "db_name": "system.db", "role_tag": "developer"}]}
                    """));

            JsonNode synced = send(app, "POST", "/system/plugins/grpc_sync/sync-users", "{\"users\": [" + john + "]}");
            assertThat(synced.get("result").get("status").asText()).isEqualTo("completed");
            assertThat(synced.get("result").get("items").get(0).get("action").asText()).isEqualTo("created");
            try (var files = Files.walk(home)) {
                assertThat(files.filter(f -> f.getFileName().toString().equals("users.tsv")).toList())
                        .as("written to the plugin's private data directory").hasSize(1);
            }

            JsonNode health = send(app, "GET", "/system/plugins/grpc_sync/health", null);
            assertThat(health.get("health").get("status").asText()).isEqualTo("ok");
        }
    }

    private static JsonNode send(ExampleHost app, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("X-Nebula-Token", TOKEN).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
