package dev.plughub.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections reach the checked address even for a host name DNS does not know: {@code pinned.invalid}
 * never resolves (RFC 6761), so an answer proves the connection did not look the name up again.
 */
class PinnedConnectionsTest {

    private static final String HOST = "pinned.invalid";

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void plain_http_goes_to_the_checked_address_and_still_names_the_host() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestURI().getPath())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        URL url = URI.create("http://" + HOST + ":" + port + "/repo/info/refs").toURL();

        HttpURLConnection connection = PinnedConnections.open(url, destination("http", port));

        assertThat(read(connection)).isEqualTo(HOST + ":" + port + " /repo/info/refs");
        assertThatThrownBy(() -> read((HttpURLConnection) url.openConnection())).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void https_goes_to_the_checked_address_and_verifies_the_certificate_for_the_host_name(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSigned(dir);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            byte[] body = "hello over tls".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
        server = https;
        int port = https.getAddress().getPort();
        URL url = URI.create("https://" + HOST + ":" + port + "/").toURL();

        HttpURLConnection connection = PinnedConnections.open(url, destination("https", port), tls.getSocketFactory());

        assertThat(read(connection)).isEqualTo("hello over tls");
    }

    @Test
    void refuses_a_url_on_another_host_than_the_checked_one() throws Exception {
        URL other = URI.create("http://elsewhere.invalid:80/").toURL();
        assertThatThrownBy(() -> PinnedConnections.open(other, destination("http", 80)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Destination destination(String scheme, int port) {
        return new Destination(URI.create(scheme + "://" + HOST + ":" + port + "/"), scheme, HOST, port,
                InetAddress.getLoopbackAddress(), true);
    }

    private static String read(HttpURLConnection connection) throws Exception {
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(5_000);
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A key and certificate for pinned.invalid made by the JDK's keytool, used as key and trust store. */
    private static SSLContext selfSigned(Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "EC", "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST,
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
