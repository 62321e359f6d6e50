package dev.plughub.registry.cluster;

import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.storage.BlobStores;
import dev.plughub.registry.storage.DatabaseSettings;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.TestBlobStores;
import dev.plughub.registry.testing.TestDatabases;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * Registry nodes on loopback that share one PostgreSQL database and one S3 bucket, each with a data
 * folder of its own, as N nodes behind a load balancer run. The shared database and bucket are those
 * the test run gives {@link #home()} (so a node in a child JVM started on that folder joins them).
 */
final class Cluster implements AutoCloseable {

    private final Path home;
    private final DatabaseSettings database;
    private final BlobStores.Location bucket;
    private final List<TestRegistry> nodes = new ArrayList<>();

    private Cluster(Path home, DatabaseSettings database, BlobStores.Location bucket) {
        this.home = home;
        this.database = database;
        this.bucket = bucket;
    }

    /** Skips the calling test unless this is the PostgreSQL + S3 test run: a cluster needs both. */
    static void assumeClusterBackends() {
        Assumptions.assumeTrue(TestDatabases.postgres(),
                "cluster mode needs PostgreSQL and S3: runs in the build's postgresql test execution");
    }

    static Cluster start(Path root, int size, UnaryOperator<RegistryConfig> adjust) throws Exception {
        assumeClusterBackends();
        Path home = Files.createDirectories(root.resolve("cluster-home"));
        Cluster cluster = new Cluster(home, TestDatabases.settingsFor(home), TestBlobStores.locationFor(home).orElseThrow());
        try {
            for (int i = 0; i < size; i++) {
                cluster.add(root.resolve("node-" + i), adjust);
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts one more node on the shared database and bucket. */
    TestRegistry add(Path dataDir, UnaryOperator<RegistryConfig> adjust) {
        TestRegistry node = TestRegistry.start(dataDir, c -> adjust.apply(c.withDatabase(database).withBlobStore(bucket)));
        nodes.add(node);
        return node;
    }

    /** The folder whose database and bucket the nodes share. */
    Path home() {
        return home;
    }

    Api api(int node) {
        return nodes.get(node).api();
    }

    TestRegistry node(int node) {
        return nodes.get(node);
    }

    int size() {
        return nodes.size();
    }

    @Override
    public void close() {
        for (TestRegistry node : nodes) {
            node.close();
        }
        nodes.clear();
    }
}
