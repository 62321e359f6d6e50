package dev.plughub.host.observability;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of a plugin's log records to return, newest first.
 *
 * @param minLevel the least severe level included
 * @param since    inclusive lower bound on the time
 * @param until    exclusive upper bound on the time
 * @param text     case-insensitive substring of the message (or error)
 * @param limit    page size, 1 to {@value #MAX_LIMIT}
 * @param cursor   from a previous {@link LogPage#nextCursor()}: continue after its last record.
 *                 Stable while new records arrive; wins over {@code offset}. Must be a {@link LogCursor}
 * @param offset   records to skip (page-number pagination; shifts when new records arrive)
 */
public record LogQuery(LogLevel minLevel, Optional<Instant> since, Optional<Instant> until, Optional<String> text,
                       int limit, Optional<String> cursor, int offset) {

    /** A page may hold a plugin's whole buffer ({@link LogBuffer#DEFAULT_CAPACITY}), seed 002's "max 1000". */
    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_LIMIT = 100;

    public LogQuery {
        Objects.requireNonNull(minLevel, "minLevel");
        text = text.filter(t -> !t.isBlank());
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        cursor.ifPresent(c -> LogCursor.parse(c).orElseThrow(() ->
                new IllegalArgumentException("cursor '" + c + "' is not one a log page gave out: it " + LogCursor.RULE)));
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
    }

    /** Everything, {@value #DEFAULT_LIMIT} at a time. */
    public static LogQuery all() {
        return new LogQuery(LogLevel.DEBUG, Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT,
                Optional.empty(), 0);
    }

    public LogQuery withMinLevel(LogLevel value) {
        return new LogQuery(value, since, until, text, limit, cursor, offset);
    }

    public LogQuery withSince(Instant value) {
        return new LogQuery(minLevel, Optional.of(value), until, text, limit, cursor, offset);
    }

    public LogQuery withUntil(Instant value) {
        return new LogQuery(minLevel, since, Optional.of(value), text, limit, cursor, offset);
    }

    public LogQuery withText(String value) {
        return new LogQuery(minLevel, since, until, Optional.of(value), limit, cursor, offset);
    }

    public LogQuery withLimit(int value) {
        return new LogQuery(minLevel, since, until, text, value, cursor, offset);
    }

    public LogQuery withCursor(String value) {
        return new LogQuery(minLevel, since, until, text, limit, Optional.of(value), offset);
    }

    public LogQuery withOffset(int value) {
        return new LogQuery(minLevel, since, until, text, limit, cursor, value);
    }
}
