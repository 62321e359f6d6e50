package dev.plughub.registry.testing;

import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.accounts.PasswordCost;
import dev.plughub.registry.RegistryServer;
import dev.plughub.registry.ratelimit.RateLimits;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real registry server for a test: a fresh data directory, a free port on 127.0.0.1, the operator
 * key {@link #OPERATOR_KEY}, the test run's database ({@link TestDatabases}), and an {@link Api}
 * client that checks every answer against the OpenAPI description.
 */
public final class TestRegistry implements AutoCloseable {

    public static final String OPERATOR_KEY = "test-operator-key";

    private final RegistryServer server;
    private final Api api;

    private TestRegistry(RegistryServer server) {
        this.server = server;
        this.api = new Api("http://127.0.0.1:" + server.port());
    }

    /**
     * Password hashes at a fraction of the production cost: suites register hundreds of users, and at
     * OWASP's cost those hashes were a quarter of the registry suite's time. The production cost is
     * checked where hashing is tested (AuthenticatorTest).
     */
    public static final PasswordCost TEST_PASSWORD_COST = new PasswordCost(256, 1);

    public static TestRegistry start(Path dataDir) {
        return start(dataDir, c -> c);
    }

    public static TestRegistry start(Path dataDir, UnaryOperator<RegistryConfig> adjust) {
        RegistryConfig config = RegistryConfig.fromEnvironment(Map.of())
                .withHost("127.0.0.1")
                .withPort(0)
                .withDataDir(dataDir)
                .withApiKey(OPERATOR_KEY)
                .withRateLimits(RateLimits.unlimited())   // suites send many requests from 127.0.0.1
                .withPasswordCost(TEST_PASSWORD_COST)
                .withDatabase(TestDatabases.settingsFor(dataDir));   // SQLite, or PostgreSQL in the second test run
        return new TestRegistry(RegistryServer.start(adjust.apply(withTestBlobStore(config, dataDir))));
    }

    /** Files in the data folder, or in the PostgreSQL test run an S3 bucket ({@link TestBlobStores}). */
    private static RegistryConfig withTestBlobStore(RegistryConfig config, Path dataDir) {
        return TestBlobStores.locationFor(dataDir).map(config::withBlobStore).orElse(config);
    }

    public Api api() {
        return api;
    }

    public String baseUrl() {
        return api.baseUrl();
    }

    public RegistryServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
