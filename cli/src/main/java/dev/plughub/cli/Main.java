package dev.plughub.cli;

import dev.plughub.registry.StartupWarmUp;
import java.io.PrintWriter;

/** The entry point of the runnable jar ({@code ./plughub}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (Cli.subcommandName(args).equals("serve")) {
            StartupWarmUp.begin();   // on the second core while picocli reads the command line
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = Cli.run(args, CliEnvironment.system(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
