package dev.plughub.registry.testing;

import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The metadata database behind each test registry. By default SQLite in the registry's data folder;
 * with {@code -Dplughub.test.backend=postgresql} (the build's second test run) a PostgreSQL database
 * of its own per data folder ({@link PostgresFixture}), so tests stay isolated and a registry
 * restarted on the same folder finds its data again, as with SQLite. Nodes that share one database
 * (a cluster) are started with {@code c -> c.withDatabase(TestDatabases.settingsFor(firstNodesDataDir))}.
 */
public final class TestDatabases {

    /** The JUnit tag of tests that only make sense on SQLite; the PostgreSQL run leaves them out. */
    public static final String SQLITE_ONLY = "sqlite-only";

    private TestDatabases() {
    }

    public static boolean postgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty("plughub.test.backend", "sqlite"));
    }

    /** The settings a registry on {@code dataDir} uses. */
    public static DatabaseSettings settingsFor(Path dataDir) {
        return postgres() ? PostgresFixture.databaseFor(dataDir) : DatabaseSettings.SQLITE;
    }

    /** Opens the database of the registry on {@code dataDir} directly (migrated), for tests that look underneath. */
    public static Database open(Path dataDir) {
        return Database.open(settingsFor(dataDir), dataDir.resolve("plughub.db"));
    }

    /** A plain JDBC connection to the database of the registry on {@code dataDir} (read-write). */
    public static Connection connect(Path dataDir) throws SQLException {
        if (!postgres()) {
            return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("plughub.db") + "?busy_timeout=10000");
        }
        DatabaseSettings s = settingsFor(dataDir);
        return DriverManager.getConnection(s.url().orElseThrow(), s.user().orElse(null), s.password().orElse(null));
    }
}
