package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plughub migrate}, and the database settings {@code serve} shares with it. */
class MigrateCommandTest {

    @TempDir
    Path config;

    @TempDir
    Path work;

    @Test
    void migrates_a_new_sqlite_database_then_finds_it_up_to_date() {
        CliRunner.Result first = new CliRunner(config, work).run("migrate", "--data-dir", "reg");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("Database " + work.resolve("reg/plughub.db") + " created at schema version ");
        assertThat(Files.exists(work.resolve("reg/plughub.db"))).isTrue();

        CliRunner.Result again = new CliRunner(config, work).env("PLUGHUB_DATA_DIR", "reg").run("migrate");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("is up to date (schema version ");
    }

    @Test
    void a_database_url_that_is_not_postgresql_is_one_line_and_exit_code_2() {
        CliRunner.Result result = new CliRunner(config, work).run("migrate", "--database-url", "mysql://db/plughub");

        CliTest.assertOneLineError(result, ExitCodes.USAGE);
        assertThat(result.err()).contains("--database-url must be a PostgreSQL JDBC URL");
    }

    @Test
    void serve_against_an_unreachable_postgresql_is_one_line_and_exit_code_2() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CliRunner.Result result = new CliRunner(config, work)
                .env("PLUGHUB_DATABASE_PASSWORD", "s3cret")
                .run("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", "d",
                        "--database-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/plughub");

        CliTest.assertOneLineError(result, ExitCodes.USAGE);
        assertThat(result.err()).contains("Cannot reach the PostgreSQL server of jdbc:postgresql://127.0.0.1:" + closedPort)
                .doesNotContain("s3cret");
    }
}
