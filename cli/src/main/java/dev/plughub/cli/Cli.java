package dev.plughub.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Builds the {@code plughub} command line with its error handling: every failure is one line and an exit code. */
public final class Cli {

    private Cli() {
    }

    public static int run(String[] args, CliEnvironment env, PrintWriter out, PrintWriter err) {
        return commandLine(env, out, err).execute(args);
    }

    public static CommandLine commandLine(CliEnvironment env, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new PlughubCommand(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Cli::executionFailed);
        cli.setParameterExceptionHandler(Cli::usageError);
        describeExitCodes(cli);
        return cli;
    }

    private static void describeExitCodes(CommandLine cli) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.descriptions());
        cli.getSubcommands().values().forEach(Cli::describeExitCodes);
    }

    private static int executionFailed(Exception e, CommandLine command, ParseResult parsed) {
        ErrorReport report = ErrorReport.of(e);
        PrintWriter err = command.getErr();
        err.println("plughub: error: " + report.message());
        if (debug(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return report.exitCode();
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String message = e.getMessage() == null ? "invalid usage" : e.getMessage().strip().replaceAll("[\\r\\n]+", " ");
        err.println("plughub: error: " + message + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static boolean debug(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
