package dev.plughub.cli;

import static dev.plughub.cli.CliTest.assertNoTerminalControls;
import static dev.plughub.cli.CliTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against registries that misbehave: stub servers on 127.0.0.1 answering what a hostile,
 * broken or proxied registry would.
 */
@Timeout(60)
class HostileRegistryTest {

    static final byte[] PACKAGE = "PK\u0003\u0004 stands in for a package".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path config;

    @TempDir
    Path work;

    CliRunner cli;

    /** Released when the test ends, so handlers that stall return and servers stop. */
    final CountDownLatch testOver = new CountDownLatch(1);
    final List<AutoCloseable> stubs = new ArrayList<>();

    @BeforeEach
    void runner() {
        cli = new CliRunner(config, work);
    }

    @AfterEach
    void stopStubs() throws Exception {
        testOver.countDown();
        for (AutoCloseable stub : stubs) {
            stub.close();
        }
    }

    // --- the file a download is saved as ---

    @Test
    void a_download_is_saved_as_id_version_ext_whatever_file_name_the_registry_sends() throws Exception {
        Path makefile = Files.writeString(work.resolve("Makefile"), "all:\n\techo mine\n");
        String registry = serving(packageAnswer("Makefile", "application/zip"));

        CliRunner.Result result = cli.run("download", "hello@1.0.0", "--registry", registry);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("hello-1.0.0.zip");
        assertThat(makefile).hasContent("all:\n\techo mine\n");
        assertThat(work.resolve("hello-1.0.0.zip")).hasBinaryContent(PACKAGE);
        assertThat(files(work)).containsExactlyInAnyOrder("Makefile", "hello-1.0.0.zip");
    }

    @Test
    void the_saved_name_carries_the_version_and_format_the_registry_reports() throws Exception {
        String registry = serving(packageAnswer("hello-1.2.3-beta.1.tgz", "application/octet-stream"));

        CliRunner.Result result = cli.run("download", "hello", "--registry", registry);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(files(work)).containsExactly("hello-1.2.3-beta.1.tgz");
    }

    @Test
    void an_answer_that_names_no_package_format_is_not_saved_under_a_name_it_chose() throws Exception {
        String registry = serving(packageAnswer("hello-1.0.0.sh", "application/octet-stream"));

        CliRunner.Result refused = cli.run("download", "hello@1.0.0", "--registry", registry);

        assertOneLineError(refused, ExitCodes.UNEXPECTED);
        assertThat(refused.err()).contains("no safe name", "nothing was saved", "file name 'hello-1.0.0.sh'");
        assertThat(files(work)).isEmpty();

        CliRunner.Result named = cli.run("download", "hello@1.0.0", "-o", "mine.bin", "--registry", registry);
        assertThat(named.exitCode()).as("a file the user names is theirs to name").isZero();
        assertThat(files(work)).containsExactly("mine.bin");
    }

    @Test
    void another_version_than_the_one_asked_for_is_refused_and_not_saved() throws Exception {
        String registry = serving(packageAnswer("hello-2.0.0.zip", "application/zip"));

        CliRunner.Result result = cli.run("download", "hello@1.0.0", "-o", "dl/", "--registry", registry);

        assertOneLineError(result, ExitCodes.UNEXPECTED);
        assertThat(result.err()).contains("sent version 2.0.0 of hello when 1.0.0 was asked for", "WRONG_VERSION");
        assertThat(files(work.resolve("dl"))).isEmpty();
    }

    // --- standard output ---

    @Test
    void download_to_stdout_writes_the_package_and_nothing_else() throws Exception {
        String registry = serving(packageAnswer("hello-1.0.0.zip", "application/zip"));

        CliRunner.Result result = cli.run("download", "hello@1.0.0", "-o", "-", "--registry", registry);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.stdoutBytes()).isEqualTo(PACKAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEmpty();
        assertThat(files(work)).as("no file named '-', no part file").isEmpty();
        assertOneLineError(cli.run("download", "hello", "-o", "-", "--json", "--registry", registry), ExitCodes.USAGE);
    }

    @Test
    void a_corrupt_download_to_stdout_writes_nothing_there() throws Exception {
        String registry = serving(exchange -> {
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"hello-1.0.0.zip\"");
            exchange.getResponseHeaders().add("X-Checksum-SHA256", "0".repeat(64));
            send(exchange, 200, PACKAGE);
        });

        CliRunner.Result result = cli.run("download", "hello@1.0.0", "-o", "-", "--registry", registry);

        assertOneLineError(result, ExitCodes.CHECKSUM);
        assertThat(result.stdoutBytes()).isEmpty();
    }

    // --- what the registry says, on a terminal ---

    @Test
    void an_error_sentence_from_the_registry_reaches_the_terminal_without_control_sequences() throws Exception {
        String registry = serving(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            send(exchange, 404, ("{\"success\": false, \"code\": \"PLUGIN_NOT_FOUND\", \"error\": "
                    + "\"No \\u001b[2Jsuch\\u0007 plugin\\r\\u009b31m here \\u202egnp.exe\"}").getBytes(StandardCharsets.UTF_8));
        });

        CliRunner.Result result = cli.run("info", "anything", "--registry", registry);

        assertOneLineError(result, ExitCodes.NOT_FOUND);
        assertNoTerminalControls(result.err());
        assertThat(result.err()).contains("No \uFFFD[2Jsuch\uFFFD plugin\uFFFD\uFFFD31m here \uFFFDgnp.exe");
    }

    // --- time limits ---

    @Test
    void a_registry_that_never_answers_is_given_up_after_the_timeout_with_exit_7() throws Exception {
        String registry = silent();
        long start = System.nanoTime();

        CliRunner.Result search = cli.run("search", "x", "--registry", registry, "--timeout", "1");
        CliRunner.Result download = cli.run("download", "hello", "--registry", registry, "--timeout", "1");

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
        for (CliRunner.Result result : List.of(search, download)) {
            assertOneLineError(result, ExitCodes.UNREACHABLE);
            assertThat(result.err()).contains("did not answer within 1 s", "--timeout").doesNotContain("is it running");
        }
        assertThat(files(work)).isEmpty();
    }

    @Test
    void a_download_that_stalls_mid_body_is_abandoned_and_leaves_nothing() throws Exception {
        String registry = serving(exchange -> {
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"hello-1.0.0.zip\"");
            exchange.getResponseHeaders().add("Content-Type", "application/zip");
            exchange.sendResponseHeaders(200, 1_000_000);
            exchange.getResponseBody().write(new byte[10_000]);
            exchange.getResponseBody().flush();
            awaitTestEnd();
            exchange.close();
        });

        CliRunner.Result result = cli.run("download", "hello@1.0.0", "-o", "dl/", "--registry", registry, "--timeout", "1");

        assertOneLineError(result, ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("stalled", "sent no data for 1 s", "nothing was saved");
        assertThat(files(work.resolve("dl"))).isEmpty();
    }

    @Test
    void an_upload_the_registry_never_takes_is_abandoned_with_exit_7() throws Exception {
        String registry = silent();
        Path zip = SamplePackage.zip(work, "stalled", "1.0.0", 256 * 1024);

        CliRunner.Result result = cli.run("publish", zip.toString(), "--registry", registry, "--token", "t", "--timeout", "1");

        assertOneLineError(result, ExitCodes.UNREACHABLE);
        assertThat(result.err()).containsAnyOf("stalled: it took no data for 1 s", "did not answer the upload within 1 s");
    }

    @Test
    void a_timeout_that_is_not_a_number_of_seconds_is_a_usage_error() {
        assertOneLineError(cli.run("search", "--timeout", "soon"), ExitCodes.USAGE);
        assertOneLineError(cli.run("search", "--timeout", "0"), ExitCodes.USAGE);
        assertOneLineError(cli.env("PLUGHUB_TIMEOUT", "-3").run("search"), ExitCodes.USAGE);
    }

    // --- proxies and addresses ---

    @Test
    void a_413_from_a_proxy_in_front_says_the_file_is_too_large() throws Exception {
        String registry = serving(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            send(exchange, 413, "<html><h1>413 Request Entity Too Large</h1><hr>nginx</html>".getBytes(StandardCharsets.UTF_8));
        });
        Path zip = SamplePackage.zip(work, "too-big", "1.0.0");

        CliRunner.Result result = cli.run("publish", zip.toString(), "--registry", registry, "--token", "t");

        assertOneLineError(result, ExitCodes.INVALID);
        assertThat(result.err()).contains("too large for the registry at " + registry + " or a proxy in front of it", "HTTP 413");
    }

    @Test
    void a_password_in_the_registry_address_is_never_shown() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String address = "http://ada:s3cret@127.0.0.1:" + port;

        CliRunner.Result search = cli.run("search", "x", "--registry", address);
        CliRunner.Result login = cli.stdin("pw\n").run("login", "-u", "ada", "--password-stdin", "--registry", address);
        CliRunner.Result badPort = cli.run("search", "--registry", "http://ada:s3cret@127.0.0.1:99999");

        assertOneLineError(search, ExitCodes.UNREACHABLE);
        assertOneLineError(login, ExitCodes.UNREACHABLE);
        assertOneLineError(badPort, ExitCodes.USAGE);
        for (CliRunner.Result result : List.of(search, login, badPort)) {
            assertThat(result.err()).doesNotContain("s3cret").doesNotContain("ada:");
        }
        assertThat(search.err()).contains("http://***@127.0.0.1:" + port);
    }

    // --- stubs ---

    /** The package with these headers, its SHA-256 announced. */
    private static HttpHandler packageAnswer(String fileName, String contentType) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders().add("X-Checksum-SHA256", sha256(PACKAGE));
            send(exchange, 200, PACKAGE);
        };
    }

    private String serving(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.start();
        stubs.add(() -> server.stop(0));
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A server that accepts connections, reads nothing and never answers. */
    private String silent() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        List<Socket> held = new ArrayList<>();
        Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    held.add(socket.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        stubs.add(() -> {
            socket.close();
            acceptor.join(5000);
            for (Socket s : held) {
                s.close();
            }
        });
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void awaitTestEnd() {
        try {
            testOver.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
