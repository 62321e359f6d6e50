package dev.plughub.host.admin;

import dev.plughub.client.PlughubClient;
import dev.plughub.client.TransferListener;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import dev.plughub.registry.testing.TestRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A real registry and a host admin API that installs and searches from it, both on loopback. */
final class HostWithRegistry implements AutoCloseable {

    private final Path home;
    private final TestRegistry registry;
    private final RunningAdmin admin;

    private HostWithRegistry(Path home, TestRegistry registry, RunningAdmin admin) {
        this.home = home;
        this.registry = registry;
        this.admin = admin;
    }

    static HostWithRegistry start(Path home) {
        TestRegistry registry = TestRegistry.start(home.resolve("registry"));
        RunningAdmin admin = RunningAdmin.start(Hosts.config(home.resolve("host"))
                .withRegistries(List.of(URI.create(registry.baseUrl()))));
        return new HostWithRegistry(home, registry, admin);
    }

    TestRegistry registry() {
        return registry;
    }

    RunningAdmin admin() {
        return admin;
    }

    /** Publishes the plugin to the registry with the operator key. */
    void publish(PluginJars.Builder plugin) {
        PlughubClient.create(registry.baseUrl()).withToken(TestRegistry.OPERATOR_KEY)
                .publish(plugin.build(home.resolve("build")), Optional.empty(), Optional.empty(), TransferListener.NONE);
    }

    @Override
    public void close() {
        admin.close();
        registry.close();
    }
}
