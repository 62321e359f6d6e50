package dev.plughub.examples.host;

import dev.plughub.host.HostConfig;
import dev.plughub.host.PluginHost;
import dev.plughub.host.admin.HostAdminRoutes;
import dev.plughub.host.admin.HostAuth;
import dev.plughub.plugin.services.UserDirectory;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny application that embeds Plughub's host: it offers its users to plugins as a
 * {@link UserDirectory}, and serves the admin API ({@code /system/plugins}) on its own Javalin
 * server. Run it with {@code PLUGHUB_HOST_TOKEN} set, then drop plugin jars into
 * {@code <home>/plugins} and {@code POST /system/plugins/rescan}, or install them through the API.
 */
public final class ExampleHost implements AutoCloseable {

    private final PluginHost host;
    private final Javalin server;
    private final InMemoryUserDirectory users;

    private ExampleHost(PluginHost host, Javalin server, InMemoryUserDirectory users) {
        this.host = host;
        this.server = server;
        this.users = users;
    }

    /** Starts the host over {@code home} and its admin API on {@code address:port} (port 0: any free one). */
    public static ExampleHost start(Path home, String address, int port, String hostToken) {
        InMemoryUserDirectory users = new InMemoryUserDirectory();
        HostConfig config = HostConfig.defaults(home).withService(UserDirectory.class, users);
        PluginHost host = PluginHost.start(config);
        HostAdminRoutes admin = new HostAdminRoutes(host, HostAuth.of(Optional.empty(), Optional.of(hostToken)));
        try {
            Javalin server = Javalin.create(app -> {
                app.startup.showJavalinBanner = false;
                app.jetty.host = address;
                app.jetty.port = port;
                app.concurrency.useVirtualThreads = true;
                admin.register(app.routes);
            }).start();
            return new ExampleHost(host, server, users);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public PluginHost host() {
        return host;
    }

    /** The application's own view of its users (what plugins changed through the directory). */
    public InMemoryUserDirectory users() {
        return users;
    }

    @Override
    public void close() {
        server.stop();
        host.close();
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String token = env.get("PLUGHUB_HOST_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("Set PLUGHUB_HOST_TOKEN: the admin API refuses every request without a token");
            System.exit(2);
        }
        Path home = Path.of(args.length > 0 ? args[0] : "example-host-home");
        int port = Integer.parseInt(env.getOrDefault("PORT", "8000"));
        ExampleHost app = start(home, "127.0.0.1", port, token);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "example-host-shutdown"));
        System.out.println("Example host on http://127.0.0.1:" + app.port() + "/system/plugins (plugins in "
                + home.resolve("plugins") + ")");
    }
}
