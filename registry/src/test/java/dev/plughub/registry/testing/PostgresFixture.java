package dev.plughub.registry.testing;

import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of the test JVM: the one PLUGHUB_TEST_DATABASE_URL names (a URL whose user may
 * create databases), or else one embedded PostgreSQL started on first use and stopped when the JVM
 * exits. Each data folder gets its own database, created from a template that is migrated once per
 * JVM, so a test registry starts without running every migration again.
 */
final class PostgresFixture {

    private static final String TEMPLATE = "plughub_template";
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Map<Path, DatabaseSettings> BY_DATA_DIR = new ConcurrentHashMap<>();

    private PostgresFixture() {
    }

    /** The database of the registry on {@code dataDir}, created on first use. */
    static DatabaseSettings databaseFor(Path dataDir) {
        return BY_DATA_DIR.computeIfAbsent(dataDir.toAbsolutePath().normalize(),
                dir -> Server.INSTANCE.createDatabase("plughub_" + RUN + "_" + NEXT.incrementAndGet()));
    }

    /** Started on first use (holder idiom), stopped by a shutdown hook. */
    private static final class Server {
        static final Server INSTANCE = new Server();

        private final String adminUrl;   // a URL of the server's maintenance database, with credentials
        private final Optional<EmbeddedPostgres> embedded;

        private Server() {
            String external = System.getenv("PLUGHUB_TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                embedded = Optional.empty();
                adminUrl = external.strip();
            } else {
                embedded = Optional.of(startEmbedded());
                adminUrl = embedded.get().getJdbcUrl("postgres", "postgres");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "postgres-fixture-stop"));
            createTemplate();
        }

        private static EmbeddedPostgres startEmbedded() {
            try {
                Path dir = Path.of(System.getProperty("java.io.tmpdir"), "epg-data-" + RUN);
                Files.createDirectories(dir.getParent());
                return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL for the tests", e);
            }
        }

        private void createTemplate() {
            execute("DROP DATABASE IF EXISTS " + TEMPLATE + "_" + RUN);
            execute("CREATE DATABASE " + TEMPLATE + "_" + RUN);
            Database.migrate(settings(TEMPLATE + "_" + RUN), Path.of("unused"));
        }

        DatabaseSettings createDatabase(String name) {
            execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE + "_" + RUN);
            return settings(name);
        }

        private DatabaseSettings settings(String database) {
            return new DatabaseSettings(Optional.of(withDatabase(adminUrl, database)), Optional.empty(), Optional.empty());
        }

        /** {@code jdbc:postgresql://host:port/db?params} with another database name. */
        private static String withDatabase(String url, String database) {
            int hostStart = url.indexOf("//") + 2;
            int slash = url.indexOf('/', hostStart);
            int query = url.indexOf('?', hostStart);
            String hostPart = url.substring(0, slash < 0 ? (query < 0 ? url.length() : query) : slash);
            String params = query < 0 ? "" : url.substring(query);
            return hostPart + "/" + database + params;
        }

        private void execute(String sql) {
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("test PostgreSQL refused: " + sql + ": " + e.getMessage(), e);
            }
        }

        private void stop() {
            if (embedded.isPresent()) {
                try {
                    embedded.get().close();   // removes its data folder
                } catch (IOException ignored) {
                    // the JVM is exiting; the folder is under target/
                }
                return;
            }
            for (DatabaseSettings db : BY_DATA_DIR.values()) {   // a shared server keeps nothing of this run
                String url = db.url().orElseThrow();
                String name = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
                try {
                    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (IllegalStateException ignored) {
                    // best effort at exit
                }
            }
            execute("DROP DATABASE IF EXISTS " + TEMPLATE + "_" + RUN + " WITH (FORCE)");
        }
    }
}
