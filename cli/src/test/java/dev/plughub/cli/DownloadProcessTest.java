package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plughub download} through the jar's real entry point in its own JVM, against a stub registry
 * in this one: what a signal does to a download in progress, and standard output that is a pipe.
 */
@Timeout(90)
class DownloadProcessTest {

    static final byte[] PACKAGE = "PK\u0003\u0004 stands in for a package".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path work;

    final CountDownLatch testOver = new CountDownLatch(1);
    final List<HttpServer> stubs = new ArrayList<>();

    @AfterEach
    void stop() {
        testOver.countDown();
        stubs.forEach(s -> s.stop(0));
    }

    @Test
    void sigterm_during_a_download_leaves_no_part_file_behind() throws Exception {
        Process download = startStalledDownload();

        download.destroy();   // SIGTERM

        assertThat(download.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(files(work.resolve("dl"))).isEmpty();
    }

    @Test
    void ctrl_c_during_a_download_leaves_no_part_file_behind() throws Exception {
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this process, so in the child too");
        Process download = startStalledDownload();

        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(download.pid())).start().waitFor()).isZero();

        assertThat(download.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(download.exitValue()).isEqualTo(130);
        assertThat(files(work.resolve("dl"))).isEmpty();
    }

    @Test
    void writes_the_package_to_stdout_when_it_is_a_pipe_named_either_way() throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PACKAGE));
        String registry = serving(exchange -> {
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"hello-1.0.0.zip\"");
            exchange.getResponseHeaders().add("Content-Type", "application/zip");
            exchange.getResponseHeaders().add("X-Checksum-SHA256", sha256);
            exchange.sendResponseHeaders(200, PACKAGE.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(PACKAGE);
            }
        });

        for (String output : List.of("-", "/dev/stdout")) {
            Process download = plughub("download", "hello@1.0.0", "-o", output, "--registry", registry);
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(download, true));
            byte[] stdout = download.getInputStream().readAllBytes();

            assertThat(download.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(download.exitValue()).as(output + ": " + new String(stderr.get(), StandardCharsets.UTF_8)).isZero();
            assertThat(stdout).as(output).isEqualTo(PACKAGE);
        }
        assertThat(files(work)).as("nothing saved in the working folder").isEmpty();
    }

    /** A download into {@code dl/} whose registry sends a little and then nothing; returns once its part file exists. */
    private Process startStalledDownload() throws Exception {
        String registry = serving(exchange -> {
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"stall-1.0.0.zip\"");
            exchange.getResponseHeaders().add("Content-Type", "application/zip");
            exchange.sendResponseHeaders(200, 10_000_000);
            exchange.getResponseBody().write(new byte[65_536]);
            exchange.getResponseBody().flush();
            try {
                testOver.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        Process download = plughub("download", "stall@1.0.0", "-o", "dl/", "--registry", registry);
        CompletableFuture.runAsync(() -> readAll(download, true));
        CompletableFuture.runAsync(() -> readAll(download, false));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (files(work.resolve("dl")).stream().noneMatch(name -> name.endsWith(".part"))) {
            assertThat(download.isAlive()).as("the download runs").isTrue();
            assertThat(System.nanoTime()).as("a part file appears within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        return download;
    }

    private Process plughub(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder launch = new ProcessBuilder(command).directory(work.toFile());
        launch.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
        launch.environment().remove("PLUGHUB_REGISTRY");
        launch.environment().remove("PLUGHUB_TOKEN");
        Process process = launch.start();
        process.getOutputStream().close();
        return process;
    }

    private String serving(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.start();
        stubs.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static byte[] readAll(Process process, boolean stderr) {
        try {
            return (stderr ? process.getErrorStream() : process.getInputStream()).readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Whether this process ignores SIGINT (a background job of a shell without job control does), per /proc. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return true;
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(mask -> (mask & (1L << 1)) != 0);   // SIGINT is signal 2, bit 1
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
