package dev.plughub.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the CLI knows about the terminal it runs in: whether it can prompt (a console on stdin and
 * stdout), whether stderr is a terminal (progress bars), and how wide the screen is.
 */
public final class Terminal {

    public static final int DEFAULT_COLUMNS = 80;

    private final Supplier<Optional<Console>> consoleLookup;
    private final boolean stderrIsTerminal;
    private final int columns;
    private Optional<Console> console;

    public Terminal(Supplier<Optional<Console>> consoleLookup, boolean stderrIsTerminal, int columns) {
        this.consoleLookup = consoleLookup;
        this.stderrIsTerminal = stderrIsTerminal;
        this.columns = columns;
    }

    /** No terminal at all: what scripts and tests see. */
    public static Terminal none() {
        return new Terminal(Optional::empty, false, DEFAULT_COLUMNS);
    }

    /**
     * Looks at the real process. The launcher tells what Java cannot see itself through system
     * properties ({@code plughub.stderr.tty}, {@code plughub.columns}); without them Linux's
     * {@code /proc/self/fd/2} answers for stderr.
     */
    public static Terminal detect(Map<String, String> env) {
        String tty = System.getProperty("plughub.stderr.tty");
        boolean stderrTty = tty != null ? Boolean.parseBoolean(tty) : procSaysTerminal();
        int columns = positive(env.get("COLUMNS"))
                .or(() -> positive(System.getProperty("plughub.columns")))
                .orElse(DEFAULT_COLUMNS);
        return new Terminal(() -> Optional.ofNullable(System.console()).filter(Terminal::isTerminal), stderrTty, columns);
    }

    /** The console to prompt on, when the session is interactive; looked up on first use (it costs tens of ms). */
    public synchronized Optional<Console> console() {
        if (console == null) {
            console = consoleLookup.get();
        }
        return console;
    }

    public boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    public int columns() {
        return columns;
    }

    /** Java 22+ returns a console even when redirected; {@code isTerminal()} (22+) tells the truth. */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: System.console() is null unless stdin and stdout are a terminal
        }
    }

    private static boolean procSaysTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static Optional<Integer> positive(String text) {
        try {
            int n = text == null ? 0 : Integer.parseInt(text.trim());
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
