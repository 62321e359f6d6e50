package dev.plughub.registry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.downloads.CatalogFixture;
import dev.plughub.registry.downloads.ServedVersion;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM lets a download in flight finish, even to a client that stops reading for a while, then the
 * server exits by itself with its counts written.
 */
class GracefulShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void sigterm_finishes_a_slow_download_and_keeps_the_counts() throws Exception {
        byte[] large = new byte[48 * 1024 * 1024];   // far more than the loopback socket buffers hold
        new Random(7).nextBytes(large);
        ServedVersion slow;
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("quick");
            catalog.version("quick", "1.0.0", "small package".getBytes(), "zip");
            catalog.plugin("slow");
            slow = catalog.version("slow", "1.0.0", large, "tar.gz");
        }
        large = null;

        try (ChildRegistry child = ChildRegistry.start(dataDir)) {
            for (int i = 0; i < 3; i++) {
                assertThat(child.api().get("/api/v1/plugins/quick/download").status()).isEqualTo(200);
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(URI.create(child.baseUrl() + "/api/v1/plugins/slow/download")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);

            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long received = 0;
            try (InputStream body = response.body()) {
                byte[] chunk = new byte[256 * 1024];
                received += readFully(body, chunk, sha);
                child.terminate();                                   // SIGTERM with the download in flight
                Thread.sleep(500);
                for (int n, chunks = 0; (n = readFully(body, chunk, sha)) > 0; chunks++) {
                    received += n;
                    // a slow reader that reads in bursts, twice idle for longer than Jetty's own second
                    Thread.sleep(chunks < 2 ? 1_500 : 5);
                }
            }

            assertThat(received).isEqualTo(slow.fileSize());
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(slow.sha256());
            OptionalInt exit = child.waitFor(Duration.ofSeconds(30));
            assertThat(exit).as("the server exits by itself after SIGTERM; output:%n%s", child.output()).isPresent();
            assertThat(exit.getAsInt()).as(child.output()).isIn(0, 143);
        }

        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            assertThat(catalog.versionDownloads("quick", "1.0.0")).isEqualTo(1);   // one client: once per hour
            assertThat(catalog.versionDownloads("slow", "1.0.0")).isEqualTo(1);
            assertThat(catalog.pluginDownloads("slow")).isEqualTo(1);
        }
    }

    private static int readFully(InputStream in, byte[] chunk, MessageDigest sha) throws Exception {
        int n = in.readNBytes(chunk, 0, chunk.length);
        sha.update(chunk, 0, n);
        return n;
    }
}
