package dev.plughub.cli;

import dev.plughub.registry.BuildInfo;
import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.RegistryServer;
import dev.plughub.registry.storage.BlobStores;
import dev.plughub.registry.storage.DataDirectoryLock;
import dev.plughub.registry.storage.DatabaseSettings;
import dev.plughub.registry.storage.DatabaseSetupException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code plughub serve}: runs the registry until the process is stopped. Settings come from the
 * environment ({@link RegistryConfig#fromEnvironment}) and the options override them. A plugin host
 * runs beside it ({@link ServedHost}), managed through {@code /system/plugins} on the same port.
 */
@Command(name = "serve", description = "Run the registry (SQLite, or PostgreSQL with --database-url, and package files in the data folder) until stopped.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    PlughubCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (env PLUGHUB_HOST; default 0.0.0.0, every interface).")
    String host;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on, 0 for any free one (env PLUGHUB_PORT; default 8080).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder for the database and packages, created if missing (env PLUGHUB_DATA_DIR; default ./data).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "URL", description = "Keep the metadata in PostgreSQL instead of SQLite: jdbc:postgresql://host:port/db (env PLUGHUB_DATABASE_URL; user and password from PLUGHUB_DATABASE_USER/_PASSWORD).")
    String databaseUrl;

    @Option(names = "--blob-store", paramLabel = "STORE", description = "Where package files live: file:/path, or s3://bucket?endpoint=…&region=…&path_style=true (env PLUGHUB_BLOB_STORE; keys from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the AWS SDK's default chain; default: the data folder).")
    String blobStore;

    @Override
    public Integer call() throws InterruptedException {
        CliEnvironment env = root.environment();
        RegistryConfig config = configure(env);
        ServedHost host = ServedHost.prepare(config, env.variables());
        // Registered before starting: a stop asked for while the server starts (SIGTERM right after
        // the first answer) closes what has started instead of failing to register a hook mid-shutdown.
        AtomicReference<RegistryServer> started = new AtomicReference<>();
        env.shutdown().onShutdown(() -> {
            RegistryServer running = started.get();
            if (running != null) {
                running.close();
            }
            host.close();
        });
        RegistryServer server = start(config, host);
        started.set(server);
        spec.commandLine().getOut().println("Plughub " + BuildInfo.VERSION + " listening on " + address(config.host(), server.port())
                + (isWildcard(config.host()) ? " (all interfaces; data: " : " (data: ") + config.dataDir() + ")");
        spec.commandLine().getOut().flush();
        env.shutdown().await();
        return ExitCodes.OK;
    }

    private RegistryConfig configure(CliEnvironment env) {
        RegistryConfig config = baseConfig(env);
        config = config.withDatabase(database(config, databaseUrl));
        if (blobStore != null) {
            try {
                config = config.withBlobStore(BlobStores.parse(blobStore, env.variables()));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage().replace("PLUGHUB_BLOB_STORE", "--blob-store"));
            }
        }
        if (host != null) {
            config = config.withHost(host);
        }
        if (port != null) {
            if (port < 0 || port > 65535) {
                throw new CliException(ExitCodes.USAGE, "--port must be from 0 to 65535, not " + port);
            }
            config = config.withPort(port);
        }
        Path dir = dataDir != null ? dataDir : config.dataDir();
        return config.withDataDir(env.workingDir().resolve(dir).toAbsolutePath().normalize());
    }

    /** The settings from the environment; a bad value is a usage error (shared with {@code migrate}). */
    static RegistryConfig baseConfig(CliEnvironment env) {
        try {
            return RegistryConfig.fromEnvironment(env.variables());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The environment's database settings, with {@code --database-url} in place of the URL when given. */
    static DatabaseSettings database(RegistryConfig config, String databaseUrl) {
        if (databaseUrl == null) {
            return config.database();
        }
        try {
            return config.database().withUrl(databaseUrl);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage().replace("PLUGHUB_DATABASE_URL", "--database-url"));
        }
    }

    /** The registry with the plugin host's admin API mounted on it; the host starts once the registry listens. */
    private static RegistryServer start(RegistryConfig config, ServedHost host) {
        RegistryServer server;
        try {
            server = RegistryServer.start(config, java.util.List.of(host.routes()));
        } catch (RuntimeException e) {
            throw new CliException(startFailureCode(e), startFailure(config, e), e);
        }
        try {
            host.start(server);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw new CliException(ExitCodes.UNEXPECTED, "Cannot start the plugin host (plugins in "
                    + config.dataDir().resolve("plugins") + "): " + firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static int startFailureCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseSetupException || t instanceof BlobStores.Unavailable || t instanceof DataDirectoryLock.InUse) {
                return ExitCodes.USAGE;
            }
            if (t instanceof BindException || t instanceof FileSystemException || t instanceof UncheckedIOException
                    || t.getClass().getSimpleName().contains("Bind")) {
                return ExitCodes.USAGE;
            }
        }
        return ExitCodes.UNEXPECTED;
    }

    /** One sentence that says what to change, from the cause chain of a failed start. */
    static String startFailure(RegistryConfig config, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseSetupException db) {
                return db.getMessage();   // already one sentence naming the setting to change
            }
            if (t instanceof BlobStores.Unavailable store) {
                return store.getMessage();   // one sentence naming the bucket and what is wrong with it
            }
            if (t instanceof DataDirectoryLock.InUse inUse) {
                return inUse.getMessage();   // one sentence naming the folder and what to do
            }
            if (t instanceof BindException || t.getClass().getSimpleName().contains("Bind")) {
                return "Cannot listen on " + config.host() + ":" + config.port()
                        + ": the port is in use or the address is not this machine's; choose another with --port/PLUGHUB_PORT or --host/PLUGHUB_HOST";
            }
            if (t instanceof AccessDeniedException denied) {
                return "Cannot use the data folder " + config.dataDir() + ": permission denied on " + denied.getFile()
                        + "; choose another with --data-dir or PLUGHUB_DATA_DIR";
            }
            if (t instanceof FileSystemException fs) {
                String where = fs.getFile() == null || Path.of(fs.getFile()).equals(config.dataDir()) ? "" : " (" + fs.getFile() + ")";
                String why = fs.getReason() != null ? fs.getReason().toLowerCase(java.util.Locale.ROOT) : switch (fs) {
                    case java.nio.file.NoSuchFileException missing -> "no such file or folder, and it cannot be created there";
                    case java.nio.file.FileAlreadyExistsException exists -> "a file is in the way";
                    case java.nio.file.NotDirectoryException notFolder -> "not a folder";
                    default -> fs.getClass().getSimpleName();
                };
                return "Cannot use the data folder " + config.dataDir() + ": " + why + where
                        + "; choose another with --data-dir or PLUGHUB_DATA_DIR";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return "Cannot start the registry (data folder " + config.dataDir() + "): " + firstLine(detail);
    }

    /** The address to show: a wildcard host is shown as localhost, which is where a newcomer will look. */
    static String address(String host, int port) {
        String shown = isWildcard(host) ? "localhost" : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port;
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
