package dev.plughub.registry.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a user typed into a safe FTS5 {@code MATCH} expression (NOTES-DATA §3): every word is
 * quoted ({@code "} doubled), so FTS operators, column filters and SQL text become plain words;
 * words are ANDed and the last one matches as a prefix, so typing {@code monit} finds
 * {@code monitor}. {@link #toTsQuery} writes the same search for PostgreSQL.
 */
public final class SearchQuery {

    /** The longest search text accepted, in characters. */
    public static final int MAX_LENGTH = 200;

    private SearchQuery() {
    }

    /** The MATCH expression, or empty when the text holds no letter or digit to search for. */
    public static Optional<String> toMatch(String text) {
        List<String> parts = new ArrayList<>();
        for (String token : text.strip().split("[\\s\\p{Cntrl}]+")) {
            if (token.codePoints().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            parts.add('"' + token.replace("\"", "\"\"") + '"');
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        parts.set(parts.size() - 1, parts.getLast() + "*");
        return Optional.of(String.join(" ", parts));
    }

    /**
     * The same search as {@link #toMatch}, as a PostgreSQL {@code to_tsquery('plughub_search', …)} text: each
     * word is split where FTS5 would split it (at anything but a letter or digit) and its pieces
     * become a phrase ({@code <->}, as FTS5 reads a quoted word), words are ANDed, and the last piece
     * matches as a prefix ({@code :*}). Pieces hold only letters and digits, so quoting them is safe.
     */
    public static Optional<String> toTsQuery(String text) {
        List<String> words = new ArrayList<>();
        for (String token : text.strip().split("[\\s\\p{Cntrl}]+")) {
            List<String> pieces = new ArrayList<>();
            for (String piece : token.split("[^\\p{L}\\p{M}\\p{N}]+")) {
                if (!piece.isEmpty()) {
                    pieces.add("'" + piece.toLowerCase(Locale.ROOT) + "'");
                }
            }
            if (!pieces.isEmpty()) {
                words.add(String.join(" <-> ", pieces));
            }
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        words.set(words.size() - 1, words.getLast() + ":*");
        return Optional.of(String.join(" & ", words));
    }
}
