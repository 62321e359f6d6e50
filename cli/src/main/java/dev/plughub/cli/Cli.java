package dev.plughub.cli;

import dev.plughub.core.text.EditDistance;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds the {@code plughub} command line with its error handling: every failure is one line and an exit code. */
public final class Cli {

    /** The subcommands, in the order {@code plughub --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            ServeCommand.class,
            MigrateCommand.class,
            PublishCommand.class,
            SearchCommand.class,
            InfoCommand.class,
            DownloadCommand.class,
            LoginCommand.class,
            LogoutCommand.class,
            RegisterCommand.class,
            HelpCommand.class);

    private Cli() {
    }

    public static int run(String[] args, CliEnvironment env, PrintWriter out, PrintWriter err) {
        String[] plain = withoutSeedPrefix(args);
        return commandLine(env, out, err, subcommandsFor(plain)).execute(plain);
    }

    /**
     * Seed 003's command line reaches the registry as {@code mockforge plugin registry search auth}:
     * {@code plughub plugin registry <command>} is the same as {@code plughub <command>}.
     */
    static String[] withoutSeedPrefix(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                if (i + 1 < args.length && args[i].equals("plugin") && args[i + 1].equals("registry")) {
                    String[] plain = new String[args.length - 2];
                    System.arraycopy(args, 0, plain, 0, i);
                    System.arraycopy(args, i + 2, plain, i, args.length - i - 2);
                    return plain;
                }
                return args;
            }
        }
        return args;
    }

    /** The whole command line, every subcommand included. */
    public static CommandLine commandLine(CliEnvironment env, PrintWriter out, PrintWriter err) {
        return commandLine(env, out, err, SUBCOMMANDS);
    }

    /**
     * The subcommands a run of these arguments can reach. The root command has no positional
     * parameters and no option that takes a value, so its first argument that is not an option names
     * the subcommand picocli will run; only that one is built. Building a subcommand's model is
     * reflection over its annotations in code that runs interpreted at start-up, and all of them cost
     * {@code plughub serve} about a fifth of a second. Anything else (no subcommand, an unknown or
     * misspelt one, {@code help}) gets them all, so that help and suggestions list every one.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        String first = subcommandName(args);
        return SUBCOMMANDS.stream()
                .filter(c -> c != HelpCommand.class && c.getAnnotation(Command.class).name().equals(first))
                .findFirst()
                .<List<Class<?>>>map(List::of)
                .orElse(SUBCOMMANDS);
    }

    /** The first argument that is not an option: the subcommand to run, when it names one. */
    static String subcommandName(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    }

    private static CommandLine commandLine(CliEnvironment env, PrintWriter out, PrintWriter err, List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(new PlughubCommand(env));
        subcommands.forEach(cli::addSubcommand);
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
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(line -> err.println(TerminalText.line(line)));
        }
        err.flush();
        return report.exitCode();
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String message = e.getMessage() == null ? "invalid usage" : TerminalText.line(e.getMessage().strip());
        List<String> suggestions = e instanceof UnmatchedArgumentException unmatched ? suggestions(unmatched) : List.of();
        String didYouMean = suggestions.isEmpty() ? "" : "; did you mean " + alternatives(suggestions) + "?";
        err.println("plughub: error: " + message + didYouMean + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * picocli's suggestions; for a misspelt option, which picocli only matches by its first two
     * letters, the command's options one or two edits away ({@code --prot} → {@code --port}).
     */
    private static List<String> suggestions(UnmatchedArgumentException unmatched) {
        List<String> picocli = unmatched.getSuggestions();
        List<String> args = unmatched.getUnmatched();
        if (!picocli.isEmpty() || args.isEmpty() || !args.get(0).startsWith("-")) {
            return picocli;
        }
        String typed = args.get(0).split("=", 2)[0];
        return unmatched.getCommandLine().getCommandSpec().options().stream()
                .flatMap(option -> Arrays.stream(option.names()))
                .filter(name -> name.startsWith("--") && EditDistance.between(typed, name) <= 2)
                .sorted(Comparator.comparingInt(name -> EditDistance.between(typed, name)))
                .toList();
    }

    /** {@code 'a'}, {@code 'a' or 'b'}, {@code 'a', 'b' or 'c'}: picocli's suggestions, best first. */
    private static String alternatives(List<String> suggestions) {
        List<String> quoted = suggestions.stream().map(s -> "'" + s + "'").toList();
        int last = quoted.size() - 1;
        return last == 0 ? quoted.get(0) : String.join(", ", quoted.subList(0, last)) + " or " + quoted.get(last);
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
