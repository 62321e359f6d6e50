package dev.plughub.host.observability;

import java.util.Locale;
import java.util.Optional;

/** Seed 002's log levels, in increasing severity (TRACE records are kept as DEBUG). */
public enum LogLevel {
    DEBUG, INFO, WARNING, ERROR;

    static LogLevel of(System.Logger.Level level) {
        return switch (level) {
            case ALL, TRACE, DEBUG -> DEBUG;
            case INFO -> INFO;
            case WARNING -> WARNING;
            case ERROR, OFF -> ERROR;
        };
    }

    /** Reads {@code "warning"}, {@code "WARN"}, {@code "error"}...; empty for anything else. */
    public static Optional<LogLevel> parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("WARN")) {
            return Optional.of(WARNING);
        }
        for (LogLevel level : values()) {
            if (level.name().equals(name)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    public boolean atLeast(LogLevel other) {
        return compareTo(other) >= 0;
    }
}
