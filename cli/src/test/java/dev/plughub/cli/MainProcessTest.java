package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
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

    @TempDir
    Path data;

    @Test
    @Timeout(90)   // a start that deadlocked would otherwise hang the build
    void serves_through_main_and_stops_on_sigterm_with_status_0() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process serve = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString())
                .redirectErrorStream(false)
                .start();
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

            serve.destroy();   // SIGTERM

            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            assertThat(serve.exitValue()).isZero();
            assertThat(stderr.get(10, TimeUnit.SECONDS))
                    .as("logging was set up once, before anything logged")
                    .doesNotContain("SLF4J", "Exception");
        } finally {
            serve.destroyForcibly();
        }
    }
}
