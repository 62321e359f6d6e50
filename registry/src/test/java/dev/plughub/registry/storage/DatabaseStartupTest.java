package dev.plughub.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.testing.TestDatabases;
import dev.plughub.registry.testing.TestRegistry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node refuses to start, with one sentence naming what is wrong, when its database cannot be used:
 * a URL that is not PostgreSQL's, a server it cannot reach, a user or database the server does not
 * have, or a schema that a newer release has already migrated.
 */
class DatabaseStartupTest {

    @TempDir
    Path data;

    @Test
    void refuses_a_database_url_that_is_not_a_jdbc_postgresql_url() {
        assertThatThrownBy(() -> RegistryConfig.fromEnvironment(Map.of("PLUGHUB_DATABASE_URL", "mysql://db/plughub?password=s3cret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PLUGHUB_DATABASE_URL must be a PostgreSQL JDBC URL")
                .hasMessageContaining("'mysql://db/plughub'")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void the_password_never_shows_in_the_configuration_text() {
        RegistryConfig config = RegistryConfig.fromEnvironment(Map.of(
                "PLUGHUB_DATABASE_URL", "jdbc:postgresql://db:5432/plughub?password=in-the-url",
                "PLUGHUB_DATABASE_USER", "plughub", "PLUGHUB_DATABASE_PASSWORD", "s3cret"));

        assertThat(config.database().dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(config.toString()).contains("jdbc:postgresql://db:5432/plughub", "plughub")
                .doesNotContain("s3cret").doesNotContain("in-the-url");
    }

    @Test
    void refuses_to_start_when_the_postgresql_server_cannot_be_reached() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DatabaseSettings settings = new DatabaseSettings(Optional.of("jdbc:postgresql://127.0.0.1:" + closedPort + "/plughub"),
                Optional.of("plughub"), Optional.of("s3cret"));

        assertThatThrownBy(() -> TestRegistry.start(data, c -> c.withDatabase(settings)))
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageStartingWith("Cannot reach the PostgreSQL server of jdbc:postgresql://127.0.0.1:" + closedPort + "/plughub")
                .hasMessageContaining("check PLUGHUB_DATABASE_URL")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void refuses_to_start_against_a_schema_newer_than_it_knows() throws Exception {
        TestRegistry.start(data).close();
        try (var c = TestDatabases.connect(data); var s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                       installed_by, execution_time, success)
                    VALUES (999, '999', 'from a newer release', 'SQL', 'V999__future.sql', 0, 'test', 0, true)""");
        }

        assertThatThrownBy(() -> TestRegistry.start(data))
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageContaining("is at version 999, newer than this Plughub knows")
                .hasMessageContaining("restore the backup");
    }

    @Test
    @EnabledIfSystemProperty(named = "plughub.test.backend", matches = "postgresql")
    void refuses_to_start_with_a_user_the_server_does_not_know() {
        String url = TestDatabases.settingsFor(data).url().orElseThrow().split("\\?")[0];   // the URL's own user= would win
        DatabaseSettings stranger = new DatabaseSettings(Optional.of(url), Optional.of("no_such_user"), Optional.of("s3cret"));

        assertThatThrownBy(() -> TestRegistry.start(data, c -> c.withDatabase(stranger)))
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageContaining("refused the credentials of user 'no_such_user'")
                .hasMessageContaining("check PLUGHUB_DATABASE_USER and PLUGHUB_DATABASE_PASSWORD")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    @EnabledIfSystemProperty(named = "plughub.test.backend", matches = "postgresql")
    void refuses_to_start_against_a_database_that_does_not_exist() {
        String url = TestDatabases.settingsFor(data).url().orElseThrow().replaceFirst("/plughub_[a-z0-9_]+", "/no_such_database");

        assertThatThrownBy(() -> TestRegistry.start(data, c -> c.withDatabase(
                        new DatabaseSettings(Optional.of(url), Optional.empty(), Optional.empty()))))
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageContaining("no_such_database does not exist")
                .hasMessageContaining("PLUGHUB_DATABASE_URL");
    }
}
