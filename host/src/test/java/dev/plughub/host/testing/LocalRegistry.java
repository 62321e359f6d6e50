package dev.plughub.host.testing;

import dev.plughub.client.PlughubClient;
import dev.plughub.client.TransferListener;
import dev.plughub.host.HostConfig;
import dev.plughub.registry.testing.TestRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real registry on loopback for a host test to install from (under {@code home/registry}), and a
 * host configuration (under {@code home/host}) that installs from it.
 */
public final class LocalRegistry implements AutoCloseable {

    private final TestRegistry registry;
    private final Path home;

    private LocalRegistry(TestRegistry registry, Path home) {
        this.registry = registry;
        this.home = home;
    }

    public static LocalRegistry start(Path home) {
        return new LocalRegistry(TestRegistry.start(home.resolve("registry")), home);
    }

    public String baseUrl() {
        return registry.baseUrl();
    }

    public HostConfig hostConfig() {
        return Hosts.config(home.resolve("host")).withRegistries(List.of(URI.create(registry.baseUrl())));
    }

    /** Publishes through the Java client with the operator key, as an author's tooling would. */
    public void publish(PluginJars.Builder plugin) {
        PlughubClient.create(registry.baseUrl()).withToken(TestRegistry.OPERATOR_KEY)
                .publish(plugin.build(home.resolve("build")), Optional.empty(), Optional.empty(), TransferListener.NONE);
    }

    @Override
    public void close() {
        registry.close();
    }
}
