package dev.plughub.registry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.storage.DatabaseSettings;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose PostgreSQL goes away after start-up answers 503 {@code DATABASE_UNAVAILABLE} with
 * {@code Retry-After} (and an unhealthy health check) instead of 500s, and answers normally again
 * once the database is back, without a restart. The database is a PostgreSQL server of this test
 * alone, stopped and started again on the same data folder and port.
 */
class DatabaseOutageTest {

    @TempDir
    Path root;
    private EmbeddedPostgres postgres;
    private TestRegistry node;

    @AfterEach
    void stop() throws IOException {
        if (node != null) {
            node.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void a_node_answers_503_while_its_database_is_down_and_recovers_by_itself() throws Exception {
        Cluster.assumeClusterBackends();
        Path pgData = root.resolve("pgdata");
        postgres = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).start();
        int port = postgres.getPort();
        DatabaseSettings settings = new DatabaseSettings(Optional.of(postgres.getJdbcUrl("postgres", "postgres")),
                Optional.empty(), Optional.empty());
        node = TestRegistry.start(root.resolve("node"), c -> c.withDatabase(settings));
        Api api = node.api();
        Publisher.published(api, TestPackages.zip(root, "steady", "1.0.0"));
        assertThat(api.get("/api/v1/plugins/steady").status()).isEqualTo(200);

        postgres.close();   // keeps the data folder: the same server starts again below
        postgres = null;

        assertUnavailable(api.get("/api/v1/plugins/steady"));
        assertUnavailable(api.get("/api/v1/plugins"));
        assertUnavailable(Publisher.upload(api, TestPackages.zip(root, "steady", "1.1.0"), Accounts.OPERATOR));
        ApiResponse health = api.get("/api/v1/health");
        assertThat(health.status()).as("%s", health).isEqualTo(503);
        assertThat(health.json().get("status").asText()).isEqualTo("unhealthy");
        assertThat(health.json().get("database").asText()).isEqualTo("unreachable");
        assertThat(health.header("Retry-After")).isPresent();

        postgres = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).setPort(port).start();

        ApiResponse detail = awaitAnswer(api, "/api/v1/plugins/steady");
        assertThat(detail.status()).as("%s", detail).isEqualTo(200);
        assertThat(detail.json().at("/data/current_version").asText()).isEqualTo("1.0.0");
        assertThat(api.get("/api/v1/health").json().get("status").asText()).isEqualTo("healthy");
        ApiResponse published = Publisher.upload(api, TestPackages.zip(root, "steady", "1.1.0"), Accounts.OPERATOR);
        assertThat(published.status()).as("%s", published).isEqualTo(201);
    }

    private static void assertUnavailable(ApiResponse r) {
        assertThat(r.status()).as("%s", r).isEqualTo(503);
        JsonNode body = r.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(body.get("error").asText()).isEqualTo("The database is unreachable; try again shortly");
        assertThat(r.header("Retry-After")).hasValue("5");
    }

    /** The node tries the database again at most once a second; waits (bounded) for the answer that is not a 503. */
    private static ApiResponse awaitAnswer(Api api, String path) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        ApiResponse r = api.get(path);
        while (r.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            r = api.get(path);
        }
        return r;
    }
}
