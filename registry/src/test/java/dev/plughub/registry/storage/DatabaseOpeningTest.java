package dev.plughub.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server opens and migrates its database on a thread of its own while it sets up the rest
 * ({@link Database#opening}): whatever asks the database meanwhile waits for an up-to-date schema,
 * and a database that cannot be used fails the start with the reason. Also what the one migration
 * step does with a schema from an older or a newer release.
 */
class DatabaseOpeningTest {

    @TempDir
    Path dir;

    @Test
    void a_statement_asked_while_the_schema_is_being_migrated_waits_for_it() throws Exception {
        Path file = dir.resolve("plughub.db");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = holder.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("BEGIN EXCLUSIVE");   // the migration cannot write until this ends
            Database db = Database.opening(DatabaseSettings.SQLITE, file);
            try (db) {
                CompletableFuture<Integer> plugins = CompletableFuture.supplyAsync(() ->
                        db.read().withHandle(h -> h.createQuery("SELECT count(*) FROM plugins").mapTo(Integer.class).one()));
                Thread.sleep(300);
                assertThat(plugins).as("answered before the schema exists").isNotDone();

                s.execute("COMMIT");
                assertThat(plugins.get(20, TimeUnit.SECONDS)).isZero();
                assertThat(db.awaitOpen()).isSameAs(db);
                assertThat(db.pools()).containsOnlyKeys("sqlite-writer", "sqlite-reader");
            }
        }
    }

    @Test
    void a_schema_newer_than_this_build_fails_the_waiters_and_the_start_and_changes_nothing() throws Exception {
        Path file = dir.resolve("plughub.db");
        Database.open(DatabaseSettings.SQLITE, file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                       installed_by, execution_time, success)
                    VALUES (999, '999', 'from a newer release', 'SQL', 'V999__future.sql', 0, 'test', 0, true)""");
        }

        Database db = Database.opening(DatabaseSettings.SQLITE, file);
        assertThatThrownBy(() -> db.read().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()))
                .hasRootCauseInstanceOf(DatabaseSetupException.class);
        assertThatThrownBy(db::awaitOpen)
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageContaining("is at version 999, newer than this Plughub knows (up to version ");
        assertThat(db.pools()).isEmpty();
        assertThatCode(db::close).doesNotThrowAnyException();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT count(*), max(installed_rank) FROM flyway_schema_history WHERE installed_rank <> 999")) {
            rows.next();
            assertThat(rows.getInt(2)).as("no migration ran").isEqualTo(rows.getInt(1));
        }
    }

    @Test
    void a_schema_from_an_older_release_is_migrated_forward_and_keeps_its_rows() throws Exception {
        Path file = dir.resolve("plughub.db");
        Flyway.configure()
                .dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:db/migration/sqlite")
                .target("2")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO users (username, username_key, password_hash, created_at, updated_at)
                    VALUES ('Ada', 'ada', 'x', 1, 1)""");
        }

        Database.Migration migration = Database.migrate(DatabaseSettings.SQLITE, file);

        assertThat(migration.from()).contains("2");
        assertThat(migration.applied()).isPositive();
        assertThat(Integer.parseInt(migration.to())).isGreaterThan(2);
        try (Database db = Database.open(DatabaseSettings.SQLITE, file)) {
            List<String> users = db.read().withHandle(h -> h.createQuery("SELECT username FROM users").mapTo(String.class).list());
            int versions = db.read().withHandle(h -> h.createQuery("SELECT count(*) FROM plugin_versions").mapTo(Integer.class).one());
            assertThat(users).containsExactly("Ada");
            assertThat(versions).isZero();
        }
    }
}
