package dev.plughub.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.TestDatabases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL whose network goes silent mid-statement — no reset, no answer, as when a failover
 * leaves the old address black-holed — fails the statement as a connection failure (so the route
 * answers 503) after {@link Database#READ_TIMEOUT}, instead of holding it until the kernel gives up
 * hours later. The silence is a relay between the registry and a real PostgreSQL that stops
 * forwarding.
 */
class SilentDatabaseTest {

    @TempDir
    Path root;

    @Test
    void a_statement_in_flight_when_the_database_falls_silent_fails_as_an_outage_within_the_read_timeout() throws Exception {
        Assumptions.assumeTrue(TestDatabases.postgres(), "needs PostgreSQL: runs in the build's postgresql test execution");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(root.resolve("pg")).start();
             Relay relay = new Relay(postgres.getPort())) {
            String url = "jdbc:postgresql://127.0.0.1:" + relay.port() + "/postgres";
            try (Database db = Database.open(new DatabaseSettings(Optional.of(url), Optional.of("postgres"),
                    Optional.empty()), root.resolve("unused.db"))) {
                Integer one = db.read().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                assertThat(one).isEqualTo(1);

                long started = System.nanoTime();
                CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                    try {
                        db.read().withHandle(h -> h.createQuery(STATEMENT).mapTo(String.class).one());
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                });
                awaitRunning(postgres);   // the statement is in flight: its answer will never come back
                relay.fallSilent();

                Throwable failure = outcome.get(Database.READ_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(failure).as("the statement failed").isNotNull();
                assertThat(DatabaseOutage.isConnectionFailure(failure)).as("%s", failure).isTrue();
                assertThat(took).isBetween(Database.READ_TIMEOUT.minusSeconds(1), Database.READ_TIMEOUT.plusSeconds(20));
            }
        }
    }

    /** Long enough that its answer is still to come when the relay falls silent, however slow the machine. */
    private static final String STATEMENT = "SELECT pg_sleep(10)";

    /**
     * Waits until PostgreSQL runs {@link #STATEMENT}, asking it directly (not through the relay): the
     * relay must fall silent with the statement in flight, not while the connection is still being
     * taken from the pool (whose check would then fail first, sooner than the read timeout).
     */
    private static void awaitRunning(EmbeddedPostgres postgres) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var query = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = ?")) {
            query.setString(1, STATEMENT);
            while (System.nanoTime() < deadline) {
                try (var rows = query.executeQuery()) {
                    if (rows.next() && rows.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError(STATEMENT + " did not start within 30 s");
    }

    /** Forwards bytes between clients and PostgreSQL until told to fall silent, then forwards nothing. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private volatile boolean silent;

        Relay(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().name("relay-accept").start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        void fallSilent() {
            silent = true;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    Thread.ofPlatform().daemon().start(() -> pump(client, upstream));
                    Thread.ofPlatform().daemon().start(() -> pump(upstream, client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (silent) {
                        if (server.isClosed()) {
                            return;
                        }
                        Thread.sleep(100);   // hold the bytes: nothing reaches the other side, nothing is reset
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
