package dev.plughub.core.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SemVer 2.0 version, ordered by SemVer precedence (build metadata ignored for ordering, but kept
 * for {@link #toString()} and equality).
 *
 * <p>Because build metadata takes part in {@link #equals} but not in {@link #compareTo},
 * {@code 1.0.0+a} and {@code 1.0.0+b} compare as 0 without being equal: the ordering is consistent
 * with equals only among versions whose build metadata is the same (use {@link #withoutBuild()} to
 * compare by precedence alone, e.g. as a map key).
 */
public record Version(long major, long minor, long patch, List<String> prerelease, List<String> build)
        implements Comparable<Version> {

    /** The longest text {@link #parse} accepts; longer texts are refused before any work is done. */
    public static final int MAX_LENGTH = 128;

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new InvalidVersionException("version numbers must not be negative");
        }
        prerelease = List.copyOf(prerelease);
        build = List.copyOf(build);
        for (String identifier : prerelease) {
            checkPrereleaseIdentifier(identifier);
        }
        for (String identifier : build) {
            checkBuildIdentifier(identifier);
        }
    }

    public static Version of(long major, long minor, long patch) {
        return new Version(major, minor, patch, List.of(), List.of());
    }

    /** Parses strict SemVer 2.0 ({@code 1.2.3-rc.1+build.5}); throws {@link InvalidVersionException}. */
    public static Version parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidVersionException("a version is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidVersionException("a version is at most " + MAX_LENGTH + " characters");
        }
        String rest = text;
        List<String> build = List.of();
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            build = identifiers(rest.substring(plus + 1), text);
            rest = rest.substring(0, plus);
        }
        List<String> prerelease = List.of();
        int dash = rest.indexOf('-');
        if (dash >= 0) {
            prerelease = identifiers(rest.substring(dash + 1), text);
            rest = rest.substring(0, dash);
        }
        String[] numbers = rest.split("\\.", -1);
        if (numbers.length != 3) {
            throw invalid(text, "it must have the form MAJOR.MINOR.PATCH");
        }
        long major = number(numbers[0], text);
        long minor = number(numbers[1], text);
        long patch = number(numbers[2], text);
        try {
            return new Version(major, minor, patch, prerelease, build);
        } catch (InvalidVersionException e) {
            throw invalid(text, e.getMessage());
        }
    }

    public static Optional<Version> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidVersionException e) {
            return Optional.empty();
        }
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    /** This version with its build metadata dropped: equal exactly when precedence is equal. */
    public Version withoutBuild() {
        return build.isEmpty() ? this : new Version(major, minor, patch, prerelease, List.of());
    }

    @Override
    public int compareTo(Version other) {
        int result = Long.compare(major, other.major);
        if (result == 0) {
            result = Long.compare(minor, other.minor);
        }
        if (result == 0) {
            result = Long.compare(patch, other.patch);
        }
        if (result != 0) {
            return result;
        }
        // A release outranks every pre-release of the same MAJOR.MINOR.PATCH.
        if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
            return Boolean.compare(prerelease.isEmpty(), other.prerelease.isEmpty());
        }
        int shared = Math.min(prerelease.size(), other.prerelease.size());
        for (int i = 0; i < shared; i++) {
            int identifiers = compareIdentifiers(prerelease.get(i), other.prerelease.get(i));
            if (identifiers != 0) {
                return identifiers;
            }
        }
        return Integer.compare(prerelease.size(), other.prerelease.size());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!prerelease.isEmpty()) {
            text.append('-').append(String.join(".", prerelease));
        }
        if (!build.isEmpty()) {
            text.append('+').append(String.join(".", build));
        }
        return text.toString();
    }

    private static int compareIdentifiers(String a, String b) {
        boolean aNumeric = isNumeric(a);
        boolean bNumeric = isNumeric(b);
        if (aNumeric && bNumeric) {
            // Numeric identifiers may exceed a long; without leading zeros, longer means larger.
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static List<String> identifiers(String text, String whole) {
        List<String> identifiers = new ArrayList<>();
        for (String identifier : text.split("\\.", -1)) {
            identifiers.add(identifier);
        }
        if (identifiers.stream().anyMatch(String::isEmpty)) {
            throw invalid(whole, "pre-release and build identifiers must not be empty");
        }
        return identifiers;
    }

    private static long number(String digits, String whole) {
        if (digits.isEmpty() || !isNumeric(digits)) {
            throw invalid(whole, "MAJOR, MINOR and PATCH must be numbers");
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw invalid(whole, "numbers must not have leading zeros");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw invalid(whole, "a number is too large");
        }
    }

    private static void checkPrereleaseIdentifier(String identifier) {
        checkBuildIdentifier(identifier);
        if (isNumeric(identifier) && identifier.length() > 1 && identifier.charAt(0) == '0') {
            throw new InvalidVersionException("numeric pre-release identifiers must not have leading zeros");
        }
    }

    private static void checkBuildIdentifier(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new InvalidVersionException("pre-release and build identifiers must not be empty");
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
            if (!allowed) {
                throw new InvalidVersionException("identifiers may only hold 0-9, A-Z, a-z and '-'");
            }
        }
    }

    static boolean isNumeric(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    private static InvalidVersionException invalid(String text, String why) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return new InvalidVersionException("'" + shown + "' is not a SemVer 2.0 version: " + why);
    }
}
