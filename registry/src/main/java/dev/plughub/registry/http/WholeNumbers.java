package dev.plughub.registry.http;

/**
 * Whole numbers as requests write them: ASCII digits with an optional sign. Java's own parsers also
 * take other scripts' digits ({@code ２} or {@code ٣}), which no client means as a page number.
 */
public final class WholeNumbers {

    private WholeNumbers() {
    }

    /** {@code text} (surrounding spaces ignored) as an int; a {@link NumberFormatException} otherwise. */
    public static int parseInt(String text) {
        return Integer.parseInt(ascii(text));
    }

    /** {@code text} (surrounding spaces ignored) as a long; a {@link NumberFormatException} otherwise. */
    public static long parseLong(String text) {
        return Long.parseLong(ascii(text));
    }

    private static String ascii(String text) {
        String trimmed = text.trim();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean sign = i == 0 && (c == '-' || c == '+');
            if (!sign && (c < '0' || c > '9')) {
                throw new NumberFormatException("not a whole number written in ASCII digits: " + text);
            }
        }
        return trimmed;
    }
}
