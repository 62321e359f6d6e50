package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plughub serve} run in-process, stopped through its shutdown signal. */
class ServeCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) \\(data: (.+)\\)");

    @TempDir
    Path config;

    @TempDir
    Path work;

    @Test
    void serves_until_shutdown_then_exits_cleanly() throws Exception {
        ShutdownSignal.Manual shutdown = new ShutdownSignal.Manual();
        CliRunner.Running serve = new CliRunner(config, work).shutdown(shutdown)
                .start("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", "registry-data");

        Matcher line = awaitLine(serve);
        assertThat(line.group(2)).isEqualTo(work.resolve("registry-data").toString());
        assertThat(serve.out().toString()).startsWith("Plughub ");
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + line.group(1) + "/api/v1/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Files.exists(work.resolve("registry-data/plughub.db"))).isTrue();

        shutdown.trigger();

        assertThat(serve.exit().get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void a_port_in_use_is_one_line_and_exit_code_2() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRunner.Result result = new CliRunner(config, work)
                    .run("serve", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()), "--data-dir", "d");

            CliTest.assertOneLineError(result, ExitCodes.USAGE);
            assertThat(result.err()).contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(work.resolve("d")).as("the data folder this failed start made is gone again").doesNotExist();

            Path kept = Files.createDirectories(work.resolve("kept"));
            Files.writeString(kept.resolve("notes.txt"), "the operator's");
            CliRunner.Result again = new CliRunner(config, work)
                    .run("serve", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()), "--data-dir", "kept");
            CliTest.assertOneLineError(again, ExitCodes.USAGE);
            assertThat(kept.resolve("notes.txt")).as("a data folder that was there before is left alone").hasContent("the operator's");
        }
    }

    @Test
    void a_bad_environment_value_is_one_line_and_exit_code_2() {
        CliRunner.Result result = new CliRunner(config, work).env("PLUGHUB_PORT", "eighty").run("serve");

        CliTest.assertOneLineError(result, ExitCodes.USAGE);
        assertThat(result.err()).contains("PLUGHUB_PORT");
    }

    @Test
    void a_data_folder_that_cannot_be_created_is_one_line_and_exit_code_2() throws IOException {
        Files.writeString(work.resolve("a-file"), "not a folder");

        CliRunner.Result result = new CliRunner(config, work)
                .run("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", "a-file/data");

        CliTest.assertOneLineError(result, ExitCodes.USAGE);
        assertThat(result.err()).contains("data folder").doesNotContain("Exception");
    }

    @Test
    void a_data_folder_whose_parent_cannot_be_made_says_so_in_words() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc, where nothing can be created");

        CliRunner.Result result = new CliRunner(config, work)
                .run("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", "/proc/plughub-no-such/data");

        CliTest.assertOneLineError(result, ExitCodes.USAGE);
        assertThat(result.err()).contains("Cannot use the data folder /proc/plughub-no-such/data")
                .doesNotContain("Exception");
    }

    private static Matcher awaitLine(CliRunner.Running serve) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(serve.out().toString());
            if (m.find()) {
                return m;
            }
            if (serve.exit().isDone()) {
                throw new AssertionError("serve ended early: " + serve.err());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve printed no address; stderr: " + serve.err());
    }
}
