package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plughub serve} runs a plugin host beside its registry: seed 004's curl flow against it,
 * with the real sample_sync package, through real HTTP on one port.
 */
class ServeHostTest {

    private static final String HOST_TOKEN = "serve-host-token";
    private static final String OPERATOR_KEY = "serve-operator-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String JOHN = """
            {"username": "john.doe", "db_name": "system.db", "role_tag": "developer",
             "email": "john@example.com", "is_active": true}""";

    @TempDir
    Path config;

    @TempDir
    Path work;

    private final ShutdownSignal.Manual shutdown = new ShutdownSignal.Manual();
    private CliRunner.Running serve;
    private String base;

    @BeforeEach
    void serve() throws InterruptedException {
        serve = new CliRunner(config, work).shutdown(shutdown)
                .env("PLUGHUB_HOST_TOKEN", HOST_TOKEN)
                .env("PLUGHUB_API_KEY", OPERATOR_KEY)
                .start("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", "data");
        base = "http://127.0.0.1:" + serve.awaitPort();
    }

    @AfterEach
    void stop() throws Exception {
        shutdown.trigger();
        assertThat(serve.exit().get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void runs_seed_004s_flow_on_a_package_dropped_into_the_data_folder() throws Exception {
        Files.copy(sampleSyncJar(), work.resolve("data/plugins/sample_sync.jar"));

        assertThat(call("POST", "/system/plugins/rescan", "").status()).isEqualTo(200);
        Response list = call("GET", "/system/plugins", null);
        assertThat(list.body().get("plugins").get(0).get("name").asText()).isEqualTo("sample_sync");
        assertThat(list.body().get("plugins").get(0).get("status").asText()).isEqualTo("initialized");
        assertThat(call("GET", "/system/plugins/sample_sync/health", null).body().get("health").get("status").asText())
                .isEqualTo("ok");

        Response dryRun = call("POST", "/system/plugins/sample_sync/sync-users", "{\"dry_run\":true,\"users\":[" + JOHN + "]}");
        assertThat(dryRun.body().get("result").get("items").get(0).get("action").asText()).isEqualTo("would_sync");

        Response synced = call("POST", "/system/plugins/sample_sync/sync-users", "{\"users\":[" + JOHN + "]}");
        assertThat(synced.status()).isEqualTo(200);
        assertThat(synced.body().get("result").get("items").get(0).get("action").asText()).isEqualTo("created");
        // the served host's user directory keeps what plugins sync in the data folder
        assertThat(Files.readString(work.resolve("data/host/users.json"))).contains("\"john.doe\"").contains("\"developer\"");
    }

    @Test
    void installs_sample_sync_from_its_own_registry() throws Exception {
        CliRunner.Result published = new CliRunner(config, work)
                .env("PLUGHUB_REGISTRY", base).env("PLUGHUB_TOKEN", OPERATOR_KEY)
                .run("publish", sampleSyncJar().toString());
        assertThat(published.exitCode()).as(published.err()).isZero();

        Response installed = call("POST", "/system/plugins/install",
                "{\"source\": \"repository\", \"plugin_name\": \"sample_sync\", \"version\": \"^0.1.0\"}");

        assertThat(installed.status()).as(installed.body().toString()).isEqualTo(200);
        assertThat(installed.body().get("data").get("installation").get("version").asText()).isEqualTo("0.1.0");
        Response synced = call("POST", "/system/plugins/sample_sync/sync-users", "{\"dry_run\":true}");
        assertThat(synced.body().get("result").get("status").asText()).isEqualTo("dry_run");
        Response repositories = call("GET", "/system/plugins/repositories", null);
        assertThat(repositories.body().get("data").get("repositories").get(0).get("url").asText()).isEqualTo(base);
    }

    @Test
    void the_admin_api_needs_the_token_while_the_registry_stays_open() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/system/plugins")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).get("code").asText()).isEqualTo("AUTH_REQUIRED");

        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void options_on_the_admin_api_says_what_a_path_allows_without_credentials() throws Exception {
        HttpResponse<String> options = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/system/plugins/anything/config"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Allow").orElse("")).contains("GET", "PUT", "OPTIONS");
        assertThat(options.body()).isEmpty();
    }

    @Test
    void an_administrators_login_cookie_opens_the_admin_api_and_a_plain_users_does_not() throws Exception {
        String adminCookie = loginCookie("ada", true);
        String userCookie = loginCookie("bob", false);

        assertThat(withCookie("GET", "/system/plugins", adminCookie).statusCode()).isEqualTo(200);
        String token = adminCookie.substring(adminCookie.indexOf('=') + 1);
        assertThat(withCookie("GET", "/system/plugins", "nebula_session=" + token).statusCode()).isEqualTo(200);
        assertThat(withCookie("GET", "/system/plugins", userCookie).statusCode()).isEqualTo(401);

        HttpResponse<String> out = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/logout"))
                .header("Cookie", adminCookie).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(withCookie("GET", "/system/plugins", adminCookie).statusCode()).isEqualTo(401);
    }

    /** Registers {@code name}, makes them an administrator if asked, logs in: the cookie as name=value. */
    private String loginCookie(String name, boolean admin) throws IOException, InterruptedException {
        String credentials = "{\"username\":\"" + name + "\",\"password\":\"" + name + "-password-1\"}";
        HttpResponse<String> registered = post("/api/v1/auth/register", credentials, null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        if (admin) {
            long id = JSON.readTree(registered.body()).get("data").get("user").get("id").asLong();
            HttpResponse<String> promoted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/users/" + id))
                    .header("X-API-Key", OPERATOR_KEY).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"admin\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        }
        HttpResponse<String> login = post("/api/v1/auth/login", credentials, null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> post(String path, String json, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> withCookie(String method, String path, String cookie) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path sampleSyncJar() {
        Path jar = Path.of(System.getProperty("plughub.examples.sample-sync", "missing"));
        assertThat(jar).as("the normal build makes examples/sample-sync's jar").isRegularFile();
        return jar;
    }

    private record Response(int status, JsonNode body) {
    }

    private Response call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("X-Nebula-Token", HOST_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), JSON.readTree(r.body()));
    }

}
