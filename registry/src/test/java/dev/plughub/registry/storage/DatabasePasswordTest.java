package dev.plughub.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.testing.TestRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node given the wrong database password refuses to start with one line that names the user and
 * the settings to fix, and never shows the password. Embedded PostgreSQL trusts every local
 * connection, so this test runs a server of its own whose pg_hba.conf asks for a SCRAM password on
 * TCP connections (except from the superuser that sets the test up).
 */
@EnabledIfSystemProperty(named = "plughub.test.backend", matches = "postgresql")
class DatabasePasswordTest {

    private static final String USER = "plughub_app";
    private static final String PASSWORD = "right-horse-battery-staple";
    private static final String WRONG = "wrong-horse-battery-staple";

    @TempDir
    static Path root;
    private static EmbeddedPostgres postgres;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(root.resolve("pgdata")).setCleanDataDirectory(true)
                .setDataDirectoryCustomizer(dir -> requirePasswords(dir.toPath())).start();
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + USER + " OWNER " + USER);
        }
        url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + USER;
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void requirePasswords(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), """
                    local all all                trust
                    host  all postgres 127.0.0.1/32 trust
                    host  all postgres ::1/128      trust
                    host  all all      127.0.0.1/32 scram-sha-256
                    host  all all      ::1/128      scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void refuses_to_start_with_a_wrong_password_in_one_line_that_never_shows_it() {
        DatabaseSettings wrong = new DatabaseSettings(Optional.of(url), Optional.of(USER), Optional.of(WRONG));

        assertThatThrownBy(() -> TestRegistry.start(root.resolve("wrong"), c -> c.withDatabase(wrong)))
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessage("The PostgreSQL server of " + url + " refused the credentials of user '" + USER
                        + "'; check PLUGHUB_DATABASE_USER and PLUGHUB_DATABASE_PASSWORD")
                .hasMessageNotContaining(WRONG)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void starts_with_the_right_password() {
        DatabaseSettings right = new DatabaseSettings(Optional.of(url), Optional.of(USER), Optional.of(PASSWORD));

        try (TestRegistry node = TestRegistry.start(root.resolve("right"), c -> c.withDatabase(right))) {
            assertThat(node.api().get("/api/v1/health").json().get("status").asText()).isEqualTo("healthy");
        }
    }
}
