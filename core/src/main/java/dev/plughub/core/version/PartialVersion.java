package dev.plughub.core.version;

import java.util.ArrayList;
import java.util.List;

/**
 * A version as a range may write it: {@code 1}, {@code 1.2}, {@code 1.2.x}, {@code *} or a full
 * version. A {@code null} number is a wildcard (written {@code x}, {@code X}, {@code *} or left out).
 */
record PartialVersion(Long major, Long minor, Long patch, List<String> prerelease) {

    static PartialVersion parse(String text) {
        String plain = text.startsWith("v") ? text.substring(1) : text;
        if (plain.isEmpty()) {
            throw new InvalidVersionException("a version is missing");
        }
        if (plain.indexOf('-') >= 0 || plain.indexOf('+') >= 0) {
            // Only a complete version may carry a pre-release or build.
            Version full = Version.parse(plain);
            return new PartialVersion(full.major(), full.minor(), full.patch(), full.prerelease());
        }
        String[] parts = plain.split("\\.", -1);
        if (parts.length > 3) {
            throw new InvalidVersionException("'" + text + "' has too many parts");
        }
        List<Long> numbers = new ArrayList<>();
        boolean wildcardSeen = false;
        for (String part : parts) {
            if (part.equals("x") || part.equals("X") || part.equals("*")) {
                wildcardSeen = true;
                numbers.add(null);
            } else if (wildcardSeen) {
                throw new InvalidVersionException("'" + text + "' has a number after a wildcard");
            } else {
                numbers.add(number(part, text));
            }
        }
        while (numbers.size() < 3) {
            numbers.add(null);
        }
        return new PartialVersion(numbers.get(0), numbers.get(1), numbers.get(2), List.of());
    }

    boolean isAny() {
        return major == null;
    }

    boolean isFull() {
        return patch != null;
    }

    /** The lowest version this names: wildcards become 0. */
    Version floor() {
        return new Version(major, minor == null ? 0 : minor, patch == null ? 0 : patch, prerelease, List.of());
    }

    private static long number(String digits, String text) {
        if (!Version.isNumeric(digits) || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw new InvalidVersionException("'" + text + "' is not a version");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidVersionException("'" + text + "' has a number that is too large");
        }
    }
}
