package dev.plughub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.client.ChecksumMismatchException;
import dev.plughub.client.LocalFileException;
import dev.plughub.client.RegistryException;
import dev.plughub.client.RegistryUnreachableException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns any failure into the one line a person reads and the exit code a script tests. The line is
 * made safe for a terminal ({@link TerminalText#line}): registry error sentences carry what publishers
 * wrote.
 */
record ErrorReport(int exitCode, String message) {

    ErrorReport {
        message = TerminalText.line(message == null ? "" : message.strip());
    }

    static ErrorReport of(Throwable e) {
        return switch (e) {
            case CliException cli -> new ErrorReport(cli.exitCode(), cli.getMessage());
            case RegistryException registry -> new ErrorReport(ExitCodes.forStatus(registry.status()), describe(registry));
            case RegistryUnreachableException unreachable -> unreachable(unreachable);
            case ChecksumMismatchException mismatch -> new ErrorReport(ExitCodes.CHECKSUM, mismatch.getMessage());
            case LocalFileException file -> new ErrorReport(
                    file.access() == LocalFileException.Access.READ ? ExitCodes.INVALID : ExitCodes.UNEXPECTED, file.getMessage());
            case UncheckedIOException io -> new ErrorReport(ExitCodes.UNEXPECTED, io.getMessage());
            default -> new ErrorReport(ExitCodes.UNEXPECTED, "Unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") + " (run with --debug for details)");
        };
    }

    /**
     * Worth retrying later (exit 7), with a hint that fits: a refused connection may be a registry
     * that is not started, a slow one may need a longer {@code --timeout}. A TLS failure is not: the
     * address or the trust store is wrong (exit 2).
     */
    private static ErrorReport unreachable(RegistryUnreachableException e) {
        String hint = switch (e.reason()) {
            case CONNECTION_REFUSED -> " (is it running? start one with 'plughub serve')";
            case TIMED_OUT -> " (wait longer with --timeout SECONDS)";
            default -> "";
        };
        int code = e.reason() == RegistryUnreachableException.Reason.TLS ? ExitCodes.USAGE : ExitCodes.UNREACHABLE;
        return new ErrorReport(code, e.getMessage() + hint);
    }

    private static String describe(RegistryException e) {
        StringBuilder line = new StringBuilder(e.getMessage().strip());
        if (line.length() > 0 && ".!?".indexOf(line.charAt(line.length() - 1)) >= 0) {
            line.setLength(line.length() - 1);
        }
        line.append(" (").append(e.code()).append(')');
        String fields = fieldErrors(e.details());
        if (!fields.isEmpty()) {
            line.append(": ").append(fields);
        }
        if (e.status() == 401 && !e.code().equals("INVALID_CREDENTIALS")) {   // a wrong password needs no hint to log in
            line.append("; log in with 'plughub login' or pass --token");
        }
        return line.toString();
    }

    /** {@code {"version": ["must be SemVer"]}} as {@code version: must be SemVer}; empty for other details. */
    private static String fieldErrors(JsonNode details) {
        List<String> parts = new ArrayList<>();
        if (details.isObject()) {
            details.properties().forEach(entry -> {
                if (entry.getValue().isArray()) {
                    List<String> messages = new ArrayList<>();
                    entry.getValue().forEach(m -> messages.add(m.isTextual() ? m.asText() : m.toString()));
                    parts.add(entry.getKey() + ": " + String.join(", ", messages));
                }
            });
        }
        return String.join("; ", parts);
    }
}
