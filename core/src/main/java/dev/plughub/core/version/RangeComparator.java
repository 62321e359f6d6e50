package dev.plughub.core.version;

import java.util.ArrayList;
import java.util.List;

/**
 * One comparator of an npm range as written: its operator ({@code >=}, {@code ^}, {@code ~}, … or
 * empty) and its version text ({@code 1.2}, {@code 1.x}, {@code *}). The one place a range's text is
 * split into comparators, for {@link VersionRange} and for anything that rewrites ranges.
 */
public record RangeComparator(String operator, String version) {

    private static final String OPERATOR_CHARS = "<>=~^";

    /**
     * The comparators of one {@code ||}-alternative, in order (a hyphen range, {@code 1.0 - 2.0}, is
     * not split here). npm allows a space between an operator and its version ({@code >= 1.2.3}).
     *
     * @throws InvalidVersionException when an operator is not followed by a version
     */
    public static List<RangeComparator> split(String alternative) {
        List<RangeComparator> comparators = new ArrayList<>();
        int i = 0;
        int length = alternative.length();
        while (i < length) {
            i = skipWhitespace(alternative, i);
            if (i == length) {
                break;
            }
            int operatorStart = i;
            while (i < length && OPERATOR_CHARS.indexOf(alternative.charAt(i)) >= 0) {
                i++;
            }
            String operator = alternative.substring(operatorStart, i);
            i = skipWhitespace(alternative, i);
            int versionStart = i;
            while (i < length && !Character.isWhitespace(alternative.charAt(i))) {
                i++;
            }
            String version = alternative.substring(versionStart, i);
            if (version.isEmpty()) {
                throw new InvalidVersionException("'" + operator + "' is not followed by a version");
            }
            comparators.add(new RangeComparator(operator, version));
        }
        return comparators;
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
