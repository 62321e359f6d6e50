package dev.plughub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.client.ChecksumMismatchException;
import dev.plughub.client.RegistryException;
import dev.plughub.client.RegistryUnreachableException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Turns any failure into the one line a person reads and the exit code a script tests. */
record ErrorReport(int exitCode, String message) {

    static ErrorReport of(Throwable e) {
        return switch (e) {
            case CliException cli -> new ErrorReport(cli.exitCode(), cli.getMessage());
            case RegistryException registry -> new ErrorReport(ExitCodes.forStatus(registry.status()), describe(registry));
            case RegistryUnreachableException unreachable -> new ErrorReport(ExitCodes.UNREACHABLE, unreachable.getMessage()
                    + (unreachable.getMessage().startsWith("Cannot reach") && !unreachable.getMessage().contains("unknown host")
                            ? " (is it running? start one with 'plughub serve')" : ""));
            case ChecksumMismatchException mismatch -> new ErrorReport(ExitCodes.CHECKSUM, mismatch.getMessage());
            case UncheckedIOException io -> new ErrorReport(ExitCodes.UNEXPECTED, io.getMessage());
            default -> new ErrorReport(ExitCodes.UNEXPECTED, "Unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") + " (run with --debug for details)");
        };
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
        return line.toString().replaceAll("[\\r\\n]+", " ");
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
