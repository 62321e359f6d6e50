package dev.plughub.registry;

import dev.plughub.core.archive.ArchiveLimits;
import dev.plughub.core.archive.PackageReader;
import dev.plughub.registry.http.HttpErrors;
import dev.plughub.registry.http.Json;
import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.FileBlobStore;
import dev.plughub.registry.system.SystemRoutes;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.config.SizeUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The registry's composition root: reads nothing itself, builds every component from a
 * {@link RegistryConfig}, wires them explicitly, and starts the HTTP server.
 */
public final class RegistryServer implements AutoCloseable {

    private final RegistryConfig config;
    private final Javalin app;
    private final List<AutoCloseable> resources;

    private RegistryServer(RegistryConfig config, Javalin app, List<AutoCloseable> resources) {
        this.config = config;
        this.app = app;
        this.resources = resources;
    }

    public static RegistryServer start(RegistryConfig config) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Path dataDir = config.dataDir().toAbsolutePath().normalize();
            Path uploadDir = dataDir.resolve("tmp").resolve("uploads");
            Files.createDirectories(uploadDir);
            Clock clock = Clock.systemUTC();

            Database db = Database.openSqlite(dataDir.resolve("plughub.db"));
            resources.add(db);
            FileBlobStore blobs = new FileBlobStore(dataDir.resolve("packages"));
            blobs.removeTemporaryFiles();
            PackageReader packages = new PackageReader(ArchiveLimits.forPackageSize(config.maxPackageBytes()));

            // --- accounts ---

            // --- catalog ---

            // --- downloads ---

            SystemRoutes system = new SystemRoutes(dataDir, () -> db.read().withHandle(h -> h
                    .createQuery("SELECT count(*) FROM plugins WHERE deleted_at IS NULL").mapTo(Long.class).one()),
                    config.dev());

            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.jetty.host = config.host();
                cfg.jetty.port = config.port();
                cfg.concurrency.useVirtualThreads = true;
                cfg.jsonMapper(new JavalinJackson(Json.mapper(), true));
                cfg.http.prefer405over404 = true;
                cfg.jetty.multipartConfig.cacheDirectory(uploadDir.toString());
                cfg.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
                cfg.jetty.multipartConfig.maxFileSize(config.maxPackageBytes(), SizeUnit.BYTES);
                cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxPackageBytes() + 1024 * 1024, SizeUnit.BYTES);
                cfg.jetty.modifyServer(server -> {
                    server.insertHandler(new GracefulHandler());
                    server.setStopTimeout(20_000);
                });
                HttpErrors.register(cfg.routes);
                system.register(cfg.routes);
            });
            app.start();
            return new RegistryServer(config, app, resources);
        } catch (IOException e) {
            closeAll(resources);
            throw new UncheckedIOException("cannot prepare the data directory " + config.dataDir(), e);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** The port the server listens on (the real one when the configuration asked for port 0). */
    public int port() {
        return app.port();
    }

    public RegistryConfig config() {
        return config;
    }

    /** Stops taking requests, lets those in flight finish, flushes buffered work, closes storage. */
    @Override
    public void close() {
        app.stop();
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // closing the rest matters more than reporting one failure at shutdown
            }
        }
    }

    /** Runs a server from the environment until the process is stopped (used by tests' child JVMs). */
    public static void main(String[] args) {
        RegistryConfig config = RegistryConfig.fromEnvironment(System.getenv());
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> config = config.withHost(args[i + 1]);
                case "--port" -> config = config.withPort(Integer.parseInt(args[i + 1]));
                case "--data-dir" -> config = config.withDataDir(Path.of(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        RegistryServer server = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "plughub-shutdown"));
        System.out.println("Plughub registry listening on http://" + config.host() + ":" + server.port());
    }
}
