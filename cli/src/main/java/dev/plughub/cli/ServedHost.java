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
import java.util.Locale;
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
    /** Whether gRPC plugins may name endpoints on other machines ({@code PLUGHUB_GRPC_REMOTE_ENDPOINTS}). */
    private final boolean remoteGrpcEndpoints;
    private final HostReference reference = HostReference.pending();
    private final HostAdminRoutes routes;
    private PluginHost host;
    /** Set once the registry listens; until then no session is anyone's. */
    private volatile RegistryServer registryServer;

    private ServedHost(Path dataDir, HostAuth auth, boolean remoteGrpcEndpoints) {
        this.dataDir = dataDir;
        this.remoteGrpcEndpoints = remoteGrpcEndpoints;
        this.routes = new HostAdminRoutes(reference, auth.withStaffSessions(this::staffName), Clock.systemUTC());
    }

    /**
     * The admin API takes the registry's operator key ({@code PLUGHUB_API_KEY}), its own
     * {@code PLUGHUB_HOST_TOKEN} (seed 004's {@code NEBULA_INSTALLER_TOKEN} is read as an alias), or
     * an administrator's session cookie. gRPC plugins reach only this machine unless
     * {@code PLUGHUB_GRPC_REMOTE_ENDPOINTS} is true (seed 004: blocked unless enabled in config).
     *
     * @throws CliException (usage) for a setting that is not one of the values it takes
     */
    static ServedHost prepare(RegistryConfig registry, Map<String, String> env) {
        Optional<String> token = setting(env, "PLUGHUB_HOST_TOKEN").or(() -> setting(env, "NEBULA_INSTALLER_TOKEN"));
        HostAuth auth = HostAuth.of(registry.apiKey(), token);
        boolean remote = setting(env, "PLUGHUB_GRPC_REMOTE_ENDPOINTS").map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new CliException(ExitCodes.USAGE,
                    "PLUGHUB_GRPC_REMOTE_ENDPOINTS must be true or false, not '" + value + "'");
        }).orElse(false);
        return new ServedHost(registry.dataDir(), auth, remote);
    }

    private static Optional<String> setting(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
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
        config = config.withGrpc(config.grpc().withRemoteEndpoints(remoteGrpcEndpoints));
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
