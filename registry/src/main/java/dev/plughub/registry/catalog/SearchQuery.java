package dev.plughub.registry.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a user typed into a safe FTS5 {@code MATCH} expression (NOTES-DATA §3): every word is
 * quoted ({@code "} doubled), so FTS operators, column filters and SQL text become plain words;
 * words are ANDed and the last one matches as a prefix, so typing {@code monit} finds
 * {@code monitor}.
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
}
