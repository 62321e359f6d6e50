package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin host's settings {@code plughub serve} reads from the environment (seed 004's among them). */
class ServedHostSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path config;

    @TempDir
    Path work;

    @Test
    void seed_004s_installer_token_variable_opens_the_admin_api() throws Exception {
        ShutdownSignal.Manual shutdown = new ShutdownSignal.Manual();
        CliRunner.Running serve = new CliRunner(config, work).shutdown(shutdown)
                .env("NEBULA_INSTALLER_TOKEN", "nebula-installer-secret")
                .start("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", "data");
        try {
            String base = "http://127.0.0.1:" + serve.awaitPort();

            assertThat(list(base, "nebula-installer-secret").statusCode()).isEqualTo(200);
            assertThat(list(base, "another-secret").statusCode()).isEqualTo(401);
        } finally {
            shutdown.trigger();
            assertThat(serve.exit().get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void remote_grpc_endpoints_are_blocked_unless_the_setting_allows_them() throws Exception {
        // 0.0.0.0 is not a loopback address, yet connecting to it stays on this machine (nothing listens on port 1)
        writeEndpointPlugin(work.resolve("data/plugins/faraway.zip"), "0.0.0.0:1");

        assertThat(farawayError(null)).contains("not a loopback address", "PLUGHUB_GRPC_REMOTE_ENDPOINTS=true");
        assertThat(farawayError("true")).as("allowed, it is tried, and fails only because nothing answers")
                .isNotEmpty().doesNotContain("not a loopback address");
    }

    @Test
    void a_remote_endpoints_value_that_is_not_a_boolean_is_a_usage_error() {
        CliRunner.Result result = new CliRunner(config, work).env("PLUGHUB_GRPC_REMOTE_ENDPOINTS", "maybe")
                .run("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", "data");

        CliTest.assertOneLineError(result, ExitCodes.USAGE);
        assertThat(result.err()).contains("PLUGHUB_GRPC_REMOTE_ENDPOINTS must be true or false, not 'maybe'");
    }

    /** Serves the data folder with the setting (unset when null) and answers the faraway plugin's error. */
    private String farawayError(String remoteEndpoints) throws Exception {
        ShutdownSignal.Manual shutdown = new ShutdownSignal.Manual();
        CliRunner runner = new CliRunner(config, work).shutdown(shutdown).env("PLUGHUB_HOST_TOKEN", "host-secret");
        if (remoteEndpoints != null) {
            runner.env("PLUGHUB_GRPC_REMOTE_ENDPOINTS", remoteEndpoints);
        }
        CliRunner.Running serve = runner.start("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", "data");
        try {
            HttpResponse<String> listed = list("http://127.0.0.1:" + serve.awaitPort(), "host-secret");
            JsonNode plugin = JSON.readTree(listed.body()).get("plugins").get(0);
            assertThat(plugin.get("status").asText()).isEqualTo("failed");
            return plugin.get("error").asText();
        } finally {
            shutdown.trigger();
            assertThat(serve.exit().get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    private static HttpResponse<String> list(String base, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/system/plugins")).header("X-Nebula-Token", token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void writeEndpointPlugin(Path zip, String endpoint) throws IOException {
        Files.createDirectories(zip.getParent());
        String manifest = """
                {"id": "faraway", "name": "Faraway", "version": "1.0.0", "description": "a plugin someone else runs",
                 "runtime": "grpc", "endpoint": "%s", "permissions": ["users.read"]}
                """.formatted(endpoint);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("plugin.json"));
            entries.write(manifest.getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
    }

}
