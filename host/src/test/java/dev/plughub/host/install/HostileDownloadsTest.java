package dev.plughub.host.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers that send too much, too slowly or not at all: a download stops, says why, and leaves no file. */
class HostileDownloadsTest {

    private static final long MAX = 64 * 1024;

    @TempDir
    Path dir;

    private HttpServer server;
    private Downloader downloader;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        downloader = new Downloader(new UrlPolicy(Set.of("127.0.0.1")),
                new Downloader.Limits(MAX, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(3)));
    }

    @AfterEach
    void stop() {
        downloader.close();
        server.stop(0);
    }

    private URI serve(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void drip(HttpExchange exchange, long length, int chunk, Duration pause) throws IOException {
        exchange.sendResponseHeaders(200, length);
        try (OutputStream out = exchange.getResponseBody()) {
            while (true) {
                out.write(new byte[chunk]);
                out.flush();
                Thread.sleep(pause);
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up, as it should
        }
    }

    @Test
    void a_declared_length_over_the_limit_is_refused_before_the_body_is_read() {
        URI url = serve("/big.jar", exchange -> drip(exchange, 10 * MAX, 1024, Duration.ofMillis(50)));
        Path target = dir.resolve("big.jar");

        assertThatThrownBy(() -> downloader.download(url, Optional.empty(), target))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.code()).isEqualTo(HostError.PLUGIN_PACKAGE_TOO_LARGE);
                    assertThat(e.getMessage()).contains("is " + 10 * MAX + " bytes", "at most " + MAX + " bytes");
                });
        assertThat(target).doesNotExist();
    }

    @Test
    void a_body_without_a_length_that_goes_on_past_the_limit_is_cut_off() {
        URI url = serve("/endless.jar", exchange -> drip(exchange, 0, 16 * 1024, Duration.ZERO));
        Path target = dir.resolve("endless.jar");

        assertThatThrownBy(() -> downloader.download(url, Optional.empty(), target))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.code()).isEqualTo(HostError.PLUGIN_PACKAGE_TOO_LARGE);
                    assertThat(e.getMessage()).contains("more than " + MAX + " bytes");
                });
        assertThat(target).doesNotExist();
    }

    @Test
    void a_server_that_stops_sending_is_given_up_on() {
        URI url = serve("/stalls.jar", exchange -> drip(exchange, MAX, 10, Duration.ofMinutes(1)));
        Path target = dir.resolve("stalls.jar");
        long started = System.nanoTime();

        assertThatThrownBy(() -> downloader.download(url, Optional.empty(), target))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.code()).isEqualTo(HostError.PLUGIN_INSTALLATION_FAILED);
                    assertThat(e.getMessage()).contains("the server sent nothing for 1 second");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(target).doesNotExist();
    }

    @Test
    void a_body_cut_short_says_the_connection_ended_early() throws IOException {
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket client = raw.accept()) {
                    client.getInputStream().read(new byte[4096]);
                    client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(10))
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test fails on its own if nothing was served
                }
            });
            URI url = URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/short.jar");
            Path target = dir.resolve("short.jar");

            assertThatThrownBy(() -> downloader.download(url, Optional.empty(), target))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_INSTALLATION_FAILED);
                        assertThat(e.getMessage()).contains("the connection ended before the whole package arrived");
                    });
            assertThat(target).doesNotExist();
        }
    }

    @Test
    void a_server_that_sends_a_byte_at_a_time_meets_the_deadline() {
        URI url = serve("/drips.jar", exchange -> drip(exchange, MAX, 1, Duration.ofMillis(100)));
        Path target = dir.resolve("drips.jar");

        assertThatThrownBy(() -> downloader.download(url, Optional.empty(), target))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.code()).isEqualTo(HostError.PLUGIN_INSTALLATION_FAILED);
                    assertThat(e.getMessage()).contains("it took longer than 3 seconds");
                });
        assertThat(target).doesNotExist();
    }

    @Test
    void a_password_in_the_url_is_refused_and_never_repeated() {
        URI url = URI.create("http://alice:S3cretPw@127.0.0.1:" + server.getAddress().getPort() + "/p.jar");

        assertThatThrownBy(() -> downloader.download(url, Optional.empty(), dir.resolve("p.jar")))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.code()).isEqualTo(HostError.VALIDATION_ERROR);
                    assertThat(e.getMessage()).contains("user name or password").doesNotContain("S3cretPw");
                    assertThat(e.details().toString()).doesNotContain("S3cretPw");
                });
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "https://127.0.0.2/p.jar",
            "https://[::ffff:127.0.0.1]/p.jar", "https://10.1.2.3/p.jar", "https://[::1]/p.jar"})
    void https_to_an_address_that_is_not_public_is_refused_unless_the_policy_names_it(String address) {
        assertThatThrownBy(() -> downloader.download(URI.create(address), Optional.empty(), dir.resolve("p.jar")))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.code()).isEqualTo(HostError.VALIDATION_ERROR);
                    assertThat(e.getMessage()).contains("packages are downloaded from public addresses only");
                });
    }

    @Test
    void a_redirect_to_the_cloud_metadata_address_is_refused() {
        URI url = serve("/metadata.jar", exchange -> {
            exchange.getResponseHeaders().add("Location", "https://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });

        assertThatThrownBy(() -> downloader.download(url, Optional.empty(), dir.resolve("metadata.jar")))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.code()).isEqualTo(HostError.PLUGIN_INSTALLATION_FAILED);
                    assertThat(e.getMessage()).contains("redirects to https://169.254.169.254/", "a link-local address");
                });
    }

    @Test
    void a_redirect_to_a_refused_url_is_the_servers_failure_and_names_the_redirect() {
        URI url = serve("/moved.jar", exchange -> {
            exchange.getResponseHeaders().add("Location", "file:///etc/passwd");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });

        assertThatThrownBy(() -> downloader.download(url, Optional.empty(), dir.resolve("moved.jar")))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.code()).isEqualTo(HostError.PLUGIN_INSTALLATION_FAILED);
                    assertThat(e.getMessage()).contains("redirects to file:///etc/passwd", "only https URLs are accepted");
                });
    }
}
