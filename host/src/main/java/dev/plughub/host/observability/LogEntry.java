package dev.plughub.host.observability;

import java.time.Instant;

/**
 * One record in a plugin's log buffer.
 *
 * @param sequence increases by one per record of this plugin; the pagination cursor is built on it
 * @param error    the thrown exception's class and message, {@code ""} when none
 */
public record LogEntry(long sequence, Instant timestamp, LogLevel level, String message, String error) {
}
