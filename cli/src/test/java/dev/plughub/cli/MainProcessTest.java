package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plughub serve} through the jar's real entry point in its own JVM: the start-up warm-up that
 * {@link Main} begins beside the command line, then a SIGTERM.
 */
class MainProcessTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");

    private static final String OPERATOR_KEY = "main-process-test-key";

    @TempDir
    Path data;

    @Test
    @Timeout(90)   // a start that deadlocked would otherwise hang the build
    void serves_through_main_and_stops_on_sigterm_with_status_0() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder launch = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString())
                .redirectErrorStream(false);
        launch.environment().put("PLUGHUB_API_KEY", OPERATOR_KEY);
        Process serve = launch.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(serve.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("the first line on stdout").isNotNull();
            Matcher listening = LISTENING.matcher(line);
            assertThat(listening.find()).as(line).isTrue();
            String base = "http://127.0.0.1:" + listening.group(1);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String path : new String[] {"/api/v1/health", "/api/v1/plugins?search=anything", "/api/v1/plugins/no-such-plugin"}) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(path).isEqualTo(path.endsWith("no-such-plugin") ? 404 : 200);
            }
            assertThat(Files.exists(data.resolve("plughub.db"))).isTrue();
            assertThat(uploadCutShort(Integer.parseInt(listening.group(1))))
                    .as("the answer to an upload whose client stopped sending")
                    .startsWith("HTTP/1.1 400 ");
            HttpResponse<String> noBoundary = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/plugins/upload"))
                    .header("X-API-Key", OPERATOR_KEY).header("Content-Type", "multipart/form-data; boundary=never-sent")
                    .POST(HttpRequest.BodyPublishers.ofString("PK\u0003\u0004 not multipart at all")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noBoundary.statusCode()).as("a multipart body without its boundary").isEqualTo(400);
            String jar = System.getProperty("plughub.examples.sample-sync", "missing").replace("\\", "\\\\");
            HttpResponse<String> installed = http.send(HttpRequest.newBuilder(URI.create(base + "/system/plugins/install"))
                    .header("X-API-Key", OPERATOR_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"source\": \"file\", \"file_path\": \"" + jar + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(installed.statusCode()).as(installed.body()).isEqualTo(200);

            serve.destroy();   // SIGTERM

            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            assertThat(serve.exitValue()).isZero();
            assertThat(stderr.get(10, TimeUnit.SECONDS))
                    .as("logging was set up once, before anything logged, and a client that cut its upload short"
                            + " or sent no multipart left no stack trace")
                    .doesNotContain("SLF4J", "Exception")
                    .as("what the host did, for the operator").contains("installed plugin sample_sync 0.1.0 (active)");
        } finally {
            serve.destroyForcibly();
        }
    }

    /** An authorized upload that announces 100,000 bytes, sends 5,000 and half-closes; the status line. */
    private static String uploadCutShort(int port) throws Exception {
        byte[] part = ("--XX\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"p.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\nPK\u0003\u0004" + "a".repeat(5000)).getBytes(StandardCharsets.ISO_8859_1);
        String head = "POST /api/v1/plugins/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + OPERATOR_KEY
                + "\r\nContent-Type: multipart/form-data; boundary=XX\r\nContent-Length: 100000\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(part);
            socket.shutdownOutput();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
        }
    }
}
