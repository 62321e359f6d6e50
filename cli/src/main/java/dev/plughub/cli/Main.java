package dev.plughub.cli;

import java.io.PrintWriter;

/** The entry point of the runnable jar ({@code ./plughub}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = Cli.run(args, CliEnvironment.system(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
