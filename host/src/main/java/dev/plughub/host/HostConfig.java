package dev.plughub.host;

import dev.plughub.core.version.Version;
import dev.plughub.host.grpc.GrpcSettings;
import dev.plughub.host.install.UrlPolicy;
import dev.plughub.host.scopes.ScopePolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link PluginHost} is built from.
 *
 * @param pluginsDir     where installed packages live (one file per plugin; rescan reads it)
 * @param dataDir        configs, grants, backups, the update journal and each plugin's data directory
 * @param registries     registries to install from and search, in order of preference
 * @param hostVersion    checked against each manifest's host version requirement
 * @param sharedPackages package prefixes (e.g. {@code "com.example.api."}) plugin class loaders take from
 *                       the host, besides {@code java.*} and {@code dev.plughub.plugin.*}
 * @param services       host services offered to plugins by interface, behind their scopes
 * @param urlPolicy      which URLs {@code install} from a URL may fetch
 * @param grpc           out-of-process plugins: process limits, restart policy, remote endpoints
 */
public record HostConfig(
        Path pluginsDir,
        Path dataDir,
        List<URI> registries,
        Version hostVersion,
        ScopePolicy scopePolicy,
        Timeouts timeouts,
        List<String> sharedPackages,
        Map<Class<?>, Object> services,
        UrlPolicy urlPolicy,
        GrpcSettings grpc) {

    /** The host's own version when the application names none. */
    public static final Version DEFAULT_HOST_VERSION = Version.parse("1.0.0");

    public HostConfig {
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(hostVersion, "hostVersion");
        Objects.requireNonNull(scopePolicy, "scopePolicy");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(urlPolicy, "urlPolicy");
        Objects.requireNonNull(grpc, "grpc");
        registries = List.copyOf(registries);
        sharedPackages = List.copyOf(sharedPackages);
        services = Map.copyOf(services);
        services.forEach((type, impl) -> {
            if (!type.isInterface() || !type.isInstance(impl)) {
                throw new IllegalArgumentException("a host service must be offered by an interface it implements; "
                        + impl.getClass().getName() + " as " + type.getName() + " is not");
            }
        });
    }

    /** {@code home/plugins} and {@code home/data}, no registries, seed 004's scopes, default timeouts, https only. */
    public static HostConfig defaults(Path home) {
        return new HostConfig(home.resolve("plugins"), home.resolve("data"), List.of(), DEFAULT_HOST_VERSION,
                ScopePolicy.defaults(), Timeouts.defaults(), List.of(), Map.of(), UrlPolicy.httpsOnly(),
                GrpcSettings.defaults());
    }

    public HostConfig withPluginsDir(Path value) {
        return new HostConfig(value, dataDir, registries, hostVersion, scopePolicy, timeouts, sharedPackages, services, urlPolicy, grpc);
    }

    public HostConfig withDataDir(Path value) {
        return new HostConfig(pluginsDir, value, registries, hostVersion, scopePolicy, timeouts, sharedPackages, services, urlPolicy, grpc);
    }

    public HostConfig withRegistries(List<URI> value) {
        return new HostConfig(pluginsDir, dataDir, value, hostVersion, scopePolicy, timeouts, sharedPackages, services, urlPolicy, grpc);
    }

    public HostConfig withHostVersion(Version value) {
        return new HostConfig(pluginsDir, dataDir, registries, value, scopePolicy, timeouts, sharedPackages, services, urlPolicy, grpc);
    }

    public HostConfig withScopePolicy(ScopePolicy value) {
        return new HostConfig(pluginsDir, dataDir, registries, hostVersion, value, timeouts, sharedPackages, services, urlPolicy, grpc);
    }

    public HostConfig withTimeouts(Timeouts value) {
        return new HostConfig(pluginsDir, dataDir, registries, hostVersion, scopePolicy, value, sharedPackages, services, urlPolicy, grpc);
    }

    public HostConfig withSharedPackages(List<String> value) {
        return new HostConfig(pluginsDir, dataDir, registries, hostVersion, scopePolicy, timeouts, value, services, urlPolicy, grpc);
    }

    public HostConfig withServices(Map<Class<?>, Object> value) {
        return new HostConfig(pluginsDir, dataDir, registries, hostVersion, scopePolicy, timeouts, sharedPackages, value, urlPolicy, grpc);
    }

    /** Adds one host service, offered to plugins as {@code type}. */
    public <T> HostConfig withService(Class<T> type, T impl) {
        Map<Class<?>, Object> all = new java.util.HashMap<>(services);
        all.put(type, impl);
        return withServices(all);
    }

    /** Process limits, restart policy and remote endpoints of out-of-process (gRPC) plugins. */
    public HostConfig withGrpc(GrpcSettings value) {
        return new HostConfig(pluginsDir, dataDir, registries, hostVersion, scopePolicy, timeouts, sharedPackages, services, urlPolicy, value);
    }

    public HostConfig withUrlPolicy(UrlPolicy value) {
        return new HostConfig(pluginsDir, dataDir, registries, hostVersion, scopePolicy, timeouts, sharedPackages, services, value, grpc);
    }
}
