package dev.plughub.cli;

import dev.plughub.registry.BuildInfo;
import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.RegistryServer;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code plughub serve}: runs the registry until the process is stopped. Settings come from the
 * environment ({@link RegistryConfig#fromEnvironment}) and the options override them.
 */
@Command(name = "serve", description = "Run the registry (SQLite and package files in the data folder) until stopped.")
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

    @Override
    public Integer call() throws InterruptedException {
        CliEnvironment env = root.environment();
        RegistryConfig config = configure(env);
        RegistryServer server = start(config);
        env.shutdown().onShutdown(server::close);
        spec.commandLine().getOut().println("Plughub " + BuildInfo.VERSION + " listening on " + address(config.host(), server.port())
                + (isWildcard(config.host()) ? " (all interfaces; data: " : " (data: ") + config.dataDir() + ")");
        spec.commandLine().getOut().flush();
        env.shutdown().await();
        return ExitCodes.OK;
    }

    private RegistryConfig configure(CliEnvironment env) {
        RegistryConfig config;
        try {
            config = RegistryConfig.fromEnvironment(env.variables());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
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

    private static RegistryServer start(RegistryConfig config) {
        try {
            return RegistryServer.start(config);
        } catch (RuntimeException e) {
            throw new CliException(startFailureCode(e), startFailure(config, e), e);
        }
    }

    private static int startFailureCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
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
                String why = fs.getReason() != null ? fs.getReason().toLowerCase(java.util.Locale.ROOT) : fs.getClass().getSimpleName();
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
