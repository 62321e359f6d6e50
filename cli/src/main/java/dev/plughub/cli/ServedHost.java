package dev.plughub.cli;

import dev.plughub.host.HostConfig;
import dev.plughub.host.PluginHost;
import dev.plughub.host.admin.HostAdminRoutes;
import dev.plughub.host.admin.HostAuth;
import dev.plughub.host.admin.HostReference;
import dev.plughub.host.directory.FileUserDirectory;
import dev.plughub.host.install.UrlPolicy;
import dev.plughub.plugin.services.UserDirectory;
import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.RegistryServer;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.RouteExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plugin host {@code plughub serve} runs beside its registry: plugins under
 * {@code <data-dir>/plugins}, its own state under {@code <data-dir>/host}, installing from the
 * registry it runs with, offering plugins a {@link FileUserDirectory} ({@code <data-dir>/host/users.json}),
 * managed through the {@code /system/plugins} admin API mounted on the registry's server. Staff are
 * the registry's administrators: their session cookie (set at login) opens the admin API too.
 */
final class ServedHost implements AutoCloseable {

    /** Where the host installs from: its own registry, over loopback. */
    private static final String LOOPBACK = "127.0.0.1";

    private final Path dataDir;
    private final HostReference reference = HostReference.pending();
    private final HostAdminRoutes routes;
    private PluginHost host;
    /** Set once the registry listens; until then no session is anyone's. */
    private volatile RegistryServer registryServer;

    private ServedHost(Path dataDir, HostAuth auth) {
        this.dataDir = dataDir;
        this.routes = new HostAdminRoutes(reference, auth.withStaffSessions(this::staffName), Clock.systemUTC());
    }

    /**
     * The admin API takes the registry's operator key ({@code PLUGHUB_API_KEY}), its own
     * {@code PLUGHUB_HOST_TOKEN}, or an administrator's session cookie.
     */
    static ServedHost prepare(RegistryConfig registry, Map<String, String> env) {
        HostAuth auth = HostAuth.of(registry.apiKey(), Optional.ofNullable(env.get("PLUGHUB_HOST_TOKEN")));
        return new ServedHost(registry.dataDir(), auth);
    }

    private Optional<String> staffName(String sessionSecret) {
        RegistryServer server = registryServer;
        if (server == null) {
            return Optional.empty();
        }
        return server.session(sessionSecret).filter(Principal::isAdmin).map(Principal::username);
    }

    RouteExtension routes() {
        return routes::register;
    }

    /** Starts the host once {@code server} listens. */
    void start(RegistryServer server) {
        registryServer = server;
        URI registry = URI.create("http://" + LOOPBACK + ":" + server.port());
        HostConfig config = HostConfig.defaults(dataDir)
                .withPluginsDir(dataDir.resolve("plugins"))
                .withDataDir(dataDir.resolve("host"))
                .withRegistries(List.of(registry))
                // the registry's download links point back at this machine over plain http
                .withUrlPolicy(new UrlPolicy(Set.of(LOOPBACK, "localhost")))
                .withService(UserDirectory.class, FileUserDirectory.open(dataDir.resolve("host").resolve("users.json")));
        host = PluginHost.start(config);
        reference.set(host);
    }

    @Override
    public void close() {
        if (host != null) {
            host.close();
        }
    }
}
