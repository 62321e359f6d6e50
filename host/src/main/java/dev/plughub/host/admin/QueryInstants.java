package dev.plughub.host.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a query parameter that is a moment in time: ISO-8601 with a zone ({@code 2024-01-01T12:00:00Z}). */
final class QueryInstants {

    static final String RULE = "must be an ISO-8601 time with a zone, such as 2024-01-01T12:00:00Z";

    private QueryInstants() {
    }

    /** The time in {@code field}; empty when absent or blank, and recorded as broken when it does not parse. */
    static Optional<Instant> read(RequestFields query, String field) {
        Optional<String> text = query.string(field).filter(t -> !t.isBlank());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.get().strip()));
        } catch (DateTimeParseException e) {
            query.reject(field, RULE + ", not '" + text.get() + "'");
            return Optional.empty();
        }
    }
}
