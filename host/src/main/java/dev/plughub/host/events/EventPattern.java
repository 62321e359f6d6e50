package dev.plughub.host.events;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A subscription pattern over dotted event names: {@code *} matches exactly one segment, {@code #}
 * (or {@code **}) any number of segments including none, anything else matches itself.
 * {@code plugin.billing.*} matches {@code plugin.billing.paid}; {@code plugin.#} matches every
 * plugin event; {@code #.failed} matches {@code plugin.x.job.failed}.
 */
public final class EventPattern {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    public static final String RULE = "a pattern is dot-separated segments, each letters, digits, '_' or '-', "
            + "or '*' (one segment) or '#'/'**' (any number of segments)";

    private final String text;
    private final String[] segments;

    private EventPattern(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException naming the rule when {@code text} is not a pattern */
    public static EventPattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an event pattern must not be empty; " + RULE);
        }
        String[] segments = text.split("\\.", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals("**")) {
                segments[i] = "#";
            } else if (!segment.equals("*") && !segment.equals("#") && !SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not an event pattern: segment '" + segment
                        + "' is not allowed; " + RULE);
            }
        }
        return new EventPattern(text, segments);
    }

    /** Whether {@code name} is a valid event name: segments of letters, digits, '_' and '-'. */
    public static boolean isValidName(String name) {
        return name != null && !name.isEmpty()
                && Arrays.stream(name.split("\\.", -1)).allMatch(s -> SEGMENT.matcher(s).matches());
    }

    public boolean matches(String eventName) {
        return matches(segments, 0, eventName.split("\\.", -1), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] name, int n) {
        while (p < pattern.length) {
            String segment = pattern[p];
            if (segment.equals("#")) {
                if (p == pattern.length - 1) {
                    return true;
                }
                for (int skip = n; skip <= name.length; skip++) {
                    if (matches(pattern, p + 1, name, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (n >= name.length || !(segment.equals("*") || segment.equals(name[n]))) {
                return false;
            }
            p++;
            n++;
        }
        return n == name.length;
    }

    public List<String> segments() {
        return List.of(segments);
    }

    @Override
    public String toString() {
        return text;
    }
}
