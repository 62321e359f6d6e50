package dev.plughub.cli;

import dev.plughub.registry.BuildInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code plughub} command: holds the process environment its subcommands work in ({@link Cli} adds them). */
@Command(
        name = "plughub",
        scope = ScopeType.INHERIT, // subcommands get --help, --version, the exit codes and the footer too
        mixinStandardHelpOptions = true,
        versionProvider = PlughubCommand.Version.class,
        description = "Plughub: a self-hosted plugin registry and the tools around it.",
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  PLUGHUB_REGISTRY  registry address (default http://localhost:8080)",
                "  PLUGHUB_TOKEN     token to send (default: the one 'plughub login' saved)",
                "  PLUGHUB_TIMEOUT   seconds to wait for the registry (default 60; --timeout)",
                "  PLUGHUB_HOST, PLUGHUB_PORT, PLUGHUB_DATA_DIR, PLUGHUB_API_KEY,",
                "  PLUGHUB_MAX_PACKAGE_MB, PLUGHUB_DEV: settings of 'plughub serve'",
                "  PLUGHUB_HOST_TOKEN  token of the plugin host's admin API (/system/plugins)",
                "  PLUGHUB_DATABASE_URL, PLUGHUB_DATABASE_USER, PLUGHUB_DATABASE_PASSWORD:",
                "                    PostgreSQL for 'plughub serve' and 'plughub migrate'",
                "  XDG_CONFIG_HOME   folder of plughub/credentials.json (default ~/.config)",
                "",
                "Documentation: docs/cli.md and docs/configuration.md in the repository.",
        })
public final class PlughubCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show the stack trace of an error.")
    boolean debug;

    public PlughubCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    public CliEnvironment environment() {
        return environment;
    }

    /**
     * {@code plughub} with no command: the usage goes to stderr and the exit code says the command
     * was missing, so that a script which lost its command word fails instead of passing.
     */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println("plughub: error: no command given (see 'plughub --help')");
        return ExitCodes.USAGE;
    }

    /** {@code plughub --version}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"plughub " + BuildInfo.VERSION};
        }
    }
}
