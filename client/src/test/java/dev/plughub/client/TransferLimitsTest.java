package dev.plughub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client's time limits against registries that stop answering or stop sending. */
@Timeout(60)
class TransferLimitsTest {

    @TempDir
    Path work;

    private static PlughubClient client(String url, Duration limit) {
        return PlughubClient.builder(url).connectTimeout(limit).responseTimeout(limit).stallTimeout(limit).build();
    }

    @Test
    void a_registry_that_never_answers_is_given_up_after_the_response_limit() throws Exception {
        try (Silent silent = new Silent()) {
            PlughubClient client = client(silent.url(), Duration.ofMillis(500));
            long start = System.nanoTime();

            assertThatThrownBy(() -> client.search(SearchQuery.all()))
                    .isInstanceOfSatisfying(RegistryUnreachableException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RegistryUnreachableException.Reason.TIMED_OUT);
                        assertThat(e.getMessage()).contains("did not answer within 0.5 s");
                    });
            assertThatThrownBy(() -> client.download("hello", Optional.empty(), work, TransferListener.NONE))
                    .isInstanceOfSatisfying(RegistryUnreachableException.class,
                            e -> assertThat(e.reason()).isEqualTo(RegistryUnreachableException.Reason.TIMED_OUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void a_download_that_stops_sending_is_abandoned_after_the_stall_limit_and_leaves_nothing() throws Exception {
        try (StubRegistry stub = stalling()) {
            PlughubClient client = client(stub.url(), Duration.ofMillis(700));
            PlughubClientTest.Recorder progress = new PlughubClientTest.Recorder();

            assertThatThrownBy(() -> client.download("hello", Optional.of("1.0.0"), work, progress))
                    .isInstanceOfSatisfying(RegistryUnreachableException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RegistryUnreachableException.Reason.TIMED_OUT);
                        assertThat(e.getMessage()).contains("The download of hello@1.0.0 stalled", "sent no data for 0.7 s",
                                "nothing was saved");
                    });
            assertThat(progress.seen).as("the bytes that came were counted").isNotEmpty();
            assertThat(progress.finished).isTrue();
            try (Stream<Path> files = Files.list(work)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void a_slow_download_that_keeps_moving_is_not_abandoned() throws Exception {
        byte[] body = new byte[8 * 1024];
        try (StubRegistry stub = StubRegistry.answering(exchange -> {
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"slow-1.0.0.zip\"");
            exchange.getResponseHeaders().add("X-Checksum-SHA256", StubRegistry.sha256(body));
            exchange.sendResponseHeaders(200, body.length);
            for (int i = 0; i < body.length; i += 1024) {   // 8 pieces, 0.3 s apart: 2.4 s in all, none slower than 0.3 s
                exchange.getResponseBody().write(body, i, 1024);
                exchange.getResponseBody().flush();
                sleep(300);
            }
            exchange.close();
        })) {
            Downloaded saved = client(stub.url(), Duration.ofSeconds(1)).download("slow", Optional.empty(), work, TransferListener.NONE);

            assertThat(saved.path()).hasBinaryContent(body);
            assertThat(saved.verified()).isTrue();
        }
    }

    @Test
    void an_upload_the_registry_never_takes_is_abandoned_after_the_stall_limit() throws Exception {
        Path zip = SamplePackage.zip(work, "stalled", "1.0.0", 256 * 1024);
        try (Silent silent = new Silent()) {
            PlughubClient client = client(silent.url(), Duration.ofMillis(700)).withToken("t");

            assertThatThrownBy(() -> client.publish(zip, Optional.empty(), Optional.empty(), TransferListener.NONE))
                    .isInstanceOfSatisfying(RegistryUnreachableException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RegistryUnreachableException.Reason.TIMED_OUT);
                        assertThat(e.getMessage()).containsAnyOf("stalled: it took no data for 0.7 s",
                                "did not answer the upload within 0.7 s");
                    });
        }
    }

    @Test
    void the_builder_takes_only_positive_limits() {
        PlughubClient.Builder builder = PlughubClient.builder("http://localhost:8080");

        assertThatThrownBy(() -> builder.stallTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.responseTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.connectTimeout(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.stallTimeout(Duration.ofSeconds(5)).build().baseUrl().toString()).isEqualTo("http://localhost:8080");
    }

    /** Sends the headers and 10 kB of a 1 MB package, then nothing until closed. */
    private static StubRegistry stalling() throws IOException {
        StubRegistry[] self = new StubRegistry[1];
        self[0] = StubRegistry.answering(exchange -> {
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"hello-1.0.0.zip\"");
            exchange.getResponseHeaders().add("Content-Type", "application/zip");
            exchange.sendResponseHeaders(200, 1_000_000);
            exchange.getResponseBody().write(new byte[10_000]);
            exchange.getResponseBody().flush();
            self[0].stall();
            exchange.close();
        });
        return self[0];
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Accepts connections, reads nothing and never answers. */
    private static final class Silent implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    Socket s = socket.accept();
                    synchronized (held) {
                        held.add(s);
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });

        Silent() throws IOException {
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(5000);
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
