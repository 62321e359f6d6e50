package dev.plughub.registry.pf4j;

import dev.plughub.core.version.RangeComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Writes a manifest's npm-style host range in the expression language PF4J checks {@code requires}
 * with (java-semver, through {@code DefaultVersionManager.checkVersionConstraint}): comparators of one
 * alternative are joined by {@code &}, alternatives by {@code |}; operators, {@code ^}, {@code ~},
 * {@code x} wildcards and hyphen ranges mean the same in both. No range is {@code *}.
 */
final class Pf4jRequires {

    static final String ANY = "*";

    private static final Pattern HYPHEN = Pattern.compile("^\\S+\\s+-\\s+\\S+$");

    private Pf4jRequires() {
    }

    static String fromRange(String npmRange) {
        String text = npmRange == null ? "" : npmRange.strip();
        if (text.isEmpty() || text.equals(ANY)) {
            return ANY;
        }
        List<String> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|\\|")) {
            List<String> comparators = comparators(alternative.strip());
            if (comparators.isEmpty()) {
                return ANY; // one alternative that takes every version makes the whole range do so
            }
            alternatives.add(String.join(" & ", comparators));
        }
        if (alternatives.size() == 1) {
            return alternatives.get(0);
        }
        StringJoiner joined = new StringJoiner(" | ");
        alternatives.forEach(a -> joined.add(a.contains("&") || a.contains(" - ") ? "(" + a + ")" : a));
        return joined.toString();
    }

    /** The comparators of one alternative, each with its operator glued to its version ({@code >= 1.2} → {@code >=1.2}). */
    private static List<String> comparators(String alternative) {
        if (HYPHEN.matcher(alternative).matches()) {
            return List.of(alternative.replaceAll("\\s+", " "));
        }
        List<String> out = new ArrayList<>();
        for (RangeComparator c : RangeComparator.split(alternative)) {
            String operator = c.operator().equals("~>") ? "~" : c.operator();
            if (!(operator.isEmpty() || operator.equals("=") || operator.equals(">=")) || !isAny(c.version())) {
                out.add(operator + c.version());
            }
        }
        return out;
    }

    private static boolean isAny(String version) {
        return version.equals("*") || version.equalsIgnoreCase("x");
    }
}
