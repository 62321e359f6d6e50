package dev.plughub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/**
 * The few words that end "Cannot reach the registry at …: ", from the exceptions the JDK's HTTP client
 * throws (made here by hand: a name that does not resolve would need a DNS server to ask).
 */
class ConnectionFailuresTest {

    @Test
    void a_name_that_does_not_resolve_is_an_unknown_host_however_deep_the_jdk_wraps_it() {
        IOException direct = (IOException) new ConnectException().initCause(new UnresolvedAddressException());
        IOException nested = (IOException) new ConnectException().initCause(
                new ConnectException().initCause(new UnresolvedAddressException()));
        IOException unknownHost = new IOException("lookup failed", new UnknownHostException("no-such-host.invalid"));

        for (IOException e : new IOException[] {direct, nested, unknownHost}) {
            assertThat(PlughubClient.describe(e)).startsWith("unknown host").doesNotContain("refused");
        }
    }

    @Test
    void tls_to_a_plain_http_port_says_it_is_a_tls_problem() throws Exception {
        // a plain HTTP server answers the TLS greeting it cannot read with a 400, as Jetty does
        try (ServerSocket plain = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> {
                try (java.net.Socket socket = plain.accept()) {
                    socket.getInputStream().read(new byte[512]);
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test is over
                }
            });
            PlughubClient client = PlughubClient.create("https://127.0.0.1:" + plain.getLocalPort());

            assertThatThrownBy(client::health).isInstanceOfSatisfying(RegistryUnreachableException.class, e -> {
                assertThat(e.reason()).isEqualTo(RegistryUnreachableException.Reason.TLS);
                assertThat(e.getMessage()).startsWith("Cannot connect securely to the registry at https://127.0.0.1:")
                        .contains("http://");
            });
        }
    }

    @Test
    void a_certificate_this_jvm_does_not_trust_says_so() throws Exception {
        Path keystore = Files.createTempDirectory("plughub-tls").resolve("self-signed.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process made = new ProcessBuilder(keytool, "-genkeypair", "-alias", "registry", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        made.getInputStream().readAllBytes();
        Assumptions.assumeTrue(made.waitFor() == 0, "keytool made a certificate");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> StubRegistry.send(exchange, 200, "{}".getBytes()));
        server.start();
        try {
            PlughubClient client = PlughubClient.create("https://127.0.0.1:" + server.getAddress().getPort());

            assertThatThrownBy(client::health).isInstanceOfSatisfying(RegistryUnreachableException.class, e -> {
                assertThat(e.reason()).isEqualTo(RegistryUnreachableException.Reason.TLS);
                assertThat(e.getMessage()).contains("Cannot connect securely", "certificate is not trusted", "trust store");
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_413_without_a_plughub_error_says_the_file_is_too_large_for_the_registry_or_its_proxy() throws Exception {
        try (StubRegistry proxy = StubRegistry.answering(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            StubRegistry.send(exchange, 413, "<html>413 Request Entity Too Large</html>".getBytes());
        }); TempFile zip = new TempFile()) {
            PlughubClient client = PlughubClient.create(proxy.url()).withToken("t");

            assertThatThrownBy(() -> client.publish(zip.path, Optional.empty(), Optional.empty(), TransferListener.NONE))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(413);
                        assertThat(e.getMessage()).contains("too large for the registry at " + proxy.url()
                                + " or a proxy in front of it", "HTTP 413");
                    });
        }
    }

    @Test
    void a_password_in_the_registry_address_is_not_repeated_in_messages() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PlughubClient client = PlughubClient.create("http://ada:s3cret@127.0.0.1:" + port);

        assertThatThrownBy(client::health).isInstanceOfSatisfying(RegistryUnreachableException.class, e -> {
            assertThat(e.reason()).isEqualTo(RegistryUnreachableException.Reason.CONNECTION_REFUSED);
            assertThat(e.getMessage()).contains("http://***@127.0.0.1:" + port).doesNotContain("s3cret");
        });
        assertThatThrownBy(() -> PlughubClient.create("http://ada:s3cret@127.0.0.1:99999"))
                .isInstanceOfSatisfying(IllegalArgumentException.class, e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        assertThat(RegistryAddress.shown("https://token@example.org/registry")).isEqualTo("https://***@example.org/registry");
        assertThat(RegistryAddress.shown("http://example.org:8080")).isEqualTo("http://example.org:8080");
    }

    /** A small package file, removed afterwards. */
    private static final class TempFile implements AutoCloseable {
        final Path path;

        TempFile() throws IOException {
            path = Files.createTempFile("plughub-", ".zip");
            Files.write(path, StubRegistry.PACKAGE);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void a_refused_connection_and_a_timeout_say_so() {
        assertThat(PlughubClient.describe(new ConnectException())).isEqualTo("connection refused");
        assertThat(PlughubClient.describe(new HttpConnectTimeoutException("slow"))).isEqualTo("the connection timed out");
    }
}
