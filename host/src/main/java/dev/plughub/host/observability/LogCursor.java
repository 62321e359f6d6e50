package dev.plughub.host.observability;

import java.util.Optional;

/**
 * Where a page of a log ended: the sequence number of its last record, which a {@link LogPage} gives
 * out as {@code next_cursor}. The next page starts after it, however many records arrived since.
 */
public record LogCursor(long after) {

    /** What a cursor must be, for error messages. */
    public static final String RULE = "must be the next_cursor of a previous page (a whole number from 1)";

    public LogCursor {
        if (after < 1) {
            throw new IllegalArgumentException("a log cursor is a record's sequence number, from 1, not " + after);
        }
    }

    /** The cursor in {@code text}; empty when it is not one a page could have given out. */
    public static Optional<LogCursor> parse(String text) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            long after = Long.parseLong(digits);
            return after < 1 ? Optional.empty() : Optional.of(new LogCursor(after));
        } catch (NumberFormatException e) {
            return Optional.empty();   // 19 digits above Long.MAX_VALUE
        }
    }

    @Override
    public String toString() {
        return Long.toString(after);
    }
}
