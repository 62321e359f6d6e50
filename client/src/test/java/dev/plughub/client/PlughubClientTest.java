package dev.plughub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.plughub.core.checksum.Sha256;
import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.RegistryServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real registry on a free port of 127.0.0.1. */
class PlughubClientTest {

    static final String OPERATOR_KEY = "client-test-operator-key";

    @TempDir
    static Path data;

    @TempDir
    Path work;

    static RegistryServer server;
    static String baseUrl;
    static PlughubClient anonymous;
    static PlughubClient operator;

    @BeforeAll
    static void start() {
        server = RegistryServer.start(RegistryConfig.fromEnvironment(Map.of())
                .withHost("127.0.0.1").withPort(0).withDataDir(data).withApiKey(OPERATOR_KEY)
                .withMaxPackageBytes(4L * 1024 * 1024));
        baseUrl = "http://127.0.0.1:" + server.port();
        anonymous = PlughubClient.create(baseUrl);
        operator = anonymous.withToken(OPERATOR_KEY);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void reports_the_registry_health() {
        Health health = anonymous.health();

        assertThat(health.status()).isEqualTo("healthy");
        assertThat(health.version()).isNotBlank();
        assertThat(anonymous.info().path("name").asText()).isEqualTo("Plughub");
    }

    @Test
    void registers_and_logs_in_for_a_token_that_publishes() throws IOException {
        Session registered = anonymous.register("client-ada", "correct horse battery", Optional.empty());
        Session loggedIn = anonymous.login("client-ada", "correct horse battery");

        assertThat(registered.token()).isNotBlank();
        assertThat(loggedIn.token()).isNotBlank().isNotEqualTo(registered.token());
        assertThat(loggedIn.username()).isEqualTo("client-ada");
        Published published = anonymous.withToken(loggedIn.token())
                .publish(SamplePackage.zip(work, "client-ada-plugin", "1.0.0"), Optional.empty(), Optional.empty(), TransferListener.NONE);
        assertThat(published.id()).isEqualTo("client-ada-plugin");
    }

    @Test
    void refuses_a_wrong_password_as_an_authentication_error() {
        anonymous.register("client-bob", "correct horse battery", Optional.empty());

        assertThatThrownBy(() -> anonymous.login("client-bob", "wrong password!"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("INVALID_CREDENTIALS");
                });
    }

    @Test
    void publishes_finds_and_downloads_a_package_byte_for_byte() throws IOException {
        Path zip = SamplePackage.zip(work, "client-roundtrip", "1.2.0");
        String sha = Sha256.of(zip);

        Published published = operator.publish(zip, Optional.of(sha), Optional.of("First release"), TransferListener.NONE);

        assertThat(published.id()).isEqualTo("client-roundtrip");
        assertThat(published.version()).isEqualTo("1.2.0");
        assertThat(published.fileHash()).isEqualTo("sha256:" + sha);
        assertThat(published.fileSize()).isEqualTo(Files.size(zip));

        PluginPage page = anonymous.search(SearchQuery.of("client-roundtrip"));
        assertThat(page.plugins()).extracting(PluginSummary::id).contains("client-roundtrip");
        assertThat(page.pagination().page()).isEqualTo(1);

        PluginDetail detail = anonymous.plugin("client-roundtrip");
        assertThat(detail.summary().currentVersion()).contains("1.2.0");
        assertThat(detail.versions()).extracting(VersionSummary::version).containsExactly("1.2.0");
        assertThat(anonymous.versions("client-roundtrip")).extracting(VersionSummary::version).containsExactly("1.2.0");

        VersionDetail version = anonymous.version("client-roundtrip", "1.2.0");
        assertThat(version.sha256()).isEqualTo(sha);
        assertThat(version.summary().changelog()).contains("First release");

        Downloaded saved = anonymous.download("client-roundtrip", Optional.empty(), work, TransferListener.NONE);
        assertThat(saved.path()).isEqualTo(work.resolve("client-roundtrip-1.2.0.zip"));
        assertThat(saved.verified()).isTrue();
        assertThat(Files.readAllBytes(saved.path())).isEqualTo(Files.readAllBytes(zip));
        Path probe = Files.writeString(work.resolve("probe.txt"), "made the usual way");
        assertThat(Files.getPosixFilePermissions(saved.path()))
                .as("a download gets the permissions any new file gets (the umask's)")
                .isEqualTo(Files.getPosixFilePermissions(probe));

        Path named = work.resolve("sub/named.zip");
        Files.createDirectories(named.getParent());
        Downloaded toFile = anonymous.download("client-roundtrip", Optional.of("1.2.0"), named, TransferListener.NONE);
        assertThat(toFile.path()).isEqualTo(named);
        assertThat(Files.readAllBytes(named)).isEqualTo(Files.readAllBytes(zip));
        assertThat(leftovers(work)).isEmpty();
    }

    @Test
    void a_download_goes_through_a_link_and_into_a_pipe_without_replacing_either() throws Exception {
        Path zip = SamplePackage.zip(work, "client-special", "1.0.0");
        operator.publish(zip, Optional.empty(), Optional.empty(), TransferListener.NONE);

        Path real = Files.writeString(work.resolve("real.zip"), "old");
        Path link = Files.createSymbolicLink(work.resolve("link.zip"), real.getFileName());
        anonymous.download("client-special", Optional.empty(), link, TransferListener.NONE);
        assertThat(Files.isSymbolicLink(link)).as("the link stays a link").isTrue();
        assertThat(Files.readAllBytes(real)).as("written through it, as curl -o does").isEqualTo(Files.readAllBytes(zip));

        Path fifo = work.resolve("pipe");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
                "mkfifo is available");
        java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        anonymous.download("client-special", Optional.empty(), fifo, TransferListener.NONE);
        assertThat(read.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Files.readAllBytes(zip));
        assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("the pipe stays a pipe").isFalse();
        assertThat(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(leftovers(work)).isEmpty();
    }

    @Test
    void reports_upload_and_download_progress_up_to_the_whole_size() throws IOException {
        Path zip = SamplePackage.zip(work, "client-progress", "1.0.0", 2 * 1024 * 1024);
        Recorder upload = new Recorder();

        operator.publish(zip, Optional.empty(), Optional.empty(), upload);

        assertThat(upload.total).isEqualTo(Files.size(zip));
        assertThat(upload.seen).isNotEmpty().isSorted();
        assertThat(upload.seen.getLast()).isEqualTo(Files.size(zip));
        assertThat(upload.finished).isTrue();

        Recorder download = new Recorder();
        anonymous.download("client-progress", Optional.empty(), work, download);
        assertThat(download.total).isEqualTo(Files.size(zip));
        assertThat(download.seen.getLast()).isEqualTo(Files.size(zip));
    }

    @Test
    void the_same_version_twice_is_a_conflict() throws IOException {
        operator.publish(SamplePackage.zip(work, "client-twice", "1.0.0"), Optional.empty(), Optional.empty(), TransferListener.NONE);

        assertThatThrownBy(() -> operator.publish(SamplePackage.zip(work, "client-twice", "1.0.0"), Optional.empty(),
                Optional.empty(), TransferListener.NONE))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("VERSION_EXISTS");
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void publishing_without_credentials_is_refused() throws IOException {
        Path zip = SamplePackage.zip(work, "client-anon", "1.0.0");

        assertThatThrownBy(() -> anonymous.publish(zip, Optional.empty(), Optional.empty(), TransferListener.NONE))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("AUTH_REQUIRED");
                });
    }

    @Test
    void a_package_whose_bytes_differ_from_the_given_checksum_is_refused() throws IOException {
        Path zip = SamplePackage.zip(work, "client-badsum", "1.0.0");

        assertThatThrownBy(() -> operator.publish(zip, Optional.of("0".repeat(64)), Optional.empty(), TransferListener.NONE))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("CHECKSUM_MISMATCH");
                });
        assertThatThrownBy(() -> anonymous.plugin("client-badsum")).isInstanceOf(RegistryException.class);
    }

    @Test
    void a_package_over_the_size_limit_is_refused_before_it_is_sent() throws IOException {
        Path big = SamplePackage.zip(work, "client-big", "1.0.0", 6 * 1024 * 1024);
        Recorder upload = new Recorder();

        assertThatThrownBy(() -> operator.publish(big, Optional.empty(), Optional.empty(), upload))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.code()).isEqualTo("PACKAGE_TOO_LARGE");
                });
        assertThat(upload.seen.isEmpty() ? 0L : upload.seen.getLast()).isLessThan(Files.size(big));
    }

    @Test
    void an_unknown_plugin_is_not_found() throws IOException {
        assertThatThrownBy(() -> anonymous.plugin("client-no-such-plugin"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("PLUGIN_NOT_FOUND");
                });
        assertThatThrownBy(() -> anonymous.download("client-no-such-plugin", Optional.empty(), work, TransferListener.NONE))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(leftovers(work)).isEmpty();
    }

    @Test
    void a_registry_that_is_not_running_is_unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PlughubClient nowhere = PlughubClient.create("http://127.0.0.1:" + port);

        assertThatThrownBy(nowhere::health)
                .isInstanceOf(RegistryUnreachableException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void a_download_whose_bytes_do_not_match_the_announced_checksum_is_not_saved() throws IOException {
        HttpServer liar = answering("not the package you are looking for",
                "Content-Disposition", "attachment; filename=\"liar-1.0.0.zip\"", "ETag", "\"" + "0".repeat(64) + "\"");
        try {
            PlughubClient client = PlughubClient.create("http://127.0.0.1:" + liar.getAddress().getPort());

            assertThatThrownBy(() -> client.download("liar", Optional.empty(), work, TransferListener.NONE))
                    .isInstanceOf(ChecksumMismatchException.class);
            assertThat(leftovers(work)).isEmpty();
        } finally {
            liar.stop(0);
        }
    }

    @Test
    void a_web_page_where_a_package_was_expected_is_refused_and_not_saved() throws IOException {
        HttpServer website = answering("<!doctype html><title>Welcome</title>", "Content-Type", "text/html; charset=utf-8");
        try {
            PlughubClient client = PlughubClient.create("http://127.0.0.1:" + website.getAddress().getPort());

            assertThatThrownBy(() -> client.download("anything", Optional.empty(), work, TransferListener.NONE))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.code()).isEqualTo("INVALID_RESPONSE");
                        assertThat(e.getMessage()).contains("web page", "a Plughub registry?");
                    });
            assertThat(leftovers(work)).isEmpty();
            try (Stream<Path> files = Files.list(work)) {
                assertThat(files).as("nothing saved").isEmpty();
            }
        } finally {
            website.stop(0);
        }
    }

    @Test
    void a_redirect_that_would_turn_a_publish_into_a_get_is_refused_and_names_where_it_points() throws IOException {
        HttpServer moved = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        moved.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", baseUrl + exchange.getRequestURI());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        moved.start();
        try {
            PlughubClient client = PlughubClient.create("http://127.0.0.1:" + moved.getAddress().getPort()).withToken(OPERATOR_KEY);
            Path pkg = SamplePackage.zip(work, "client-moved", "1.0.0");

            assertThatThrownBy(() -> client.publish(pkg, Optional.empty(), Optional.empty(), TransferListener.NONE))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.code()).isEqualTo("REDIRECTED");
                        assertThat(e.status()).isEqualTo(302);
                        assertThat(e.getMessage()).contains("redirected POST /api/v1/plugins/upload to " + baseUrl
                                + "/api/v1/plugins/upload", "set the registry address to where it points");
                    });
            assertThat(client.search(SearchQuery.of("client-moved")).plugins())
                    .as("reads follow the redirect; nothing was published").isEmpty();
        } finally {
            moved.stop(0);
        }
    }

    @Test
    void refuses_a_registry_address_that_is_not_an_http_url() {
        assertThatThrownBy(() -> PlughubClient.create("ftp://example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlughubClient.create("localhost:8080")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PlughubClient.create("http://localhost:8080/").baseUrl().toString()).isEqualTo("http://localhost:8080");
    }

    /** A started server on 127.0.0.1 answering every request 200 with {@code body} and these header name/value pairs. */
    private static HttpServer answering(String body, String... headers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** Records what a transfer reported. */
    static final class Recorder implements TransferListener {
        long total = -2;
        final List<Long> seen = new ArrayList<>();
        boolean finished;
        private final AtomicLong last = new AtomicLong();

        @Override
        public void started(long totalBytes) {
            total = totalBytes;
        }

        @Override
        public void transferred(long bytes) {
            last.set(bytes);
            seen.add(bytes);
        }

        @Override
        public void finished() {
            finished = true;
        }
    }
}
