package dev.plughub.core.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Desugars one {@code ||}-alternative of an npm range into bounds, following node-semver: upper
 * bounds of x-, tilde and caret ranges are written {@code <X.Y.Z-0} so that no pre-release of the
 * next version slips in.
 */
final class RangeSyntax {

    private static final Pattern HYPHEN = Pattern.compile("^(\\S+)\\s+-\\s+(\\S+)$");
    /** Matches nothing: no version is lower than 0.0.0-0. */
    private static final List<RangeBound> NOTHING = List.of(RangeBound.lt(lowestPrerelease(0, 0, 0)));

    private RangeSyntax() {
    }

    /** The bounds of one alternative; an empty list matches every release. */
    static List<RangeBound> comparatorSet(String alternative) {
        if (alternative.isEmpty()) {
            return List.of();
        }
        Matcher hyphen = HYPHEN.matcher(alternative);
        if (hyphen.matches()) {
            return hyphen(PartialVersion.parse(hyphen.group(1)), PartialVersion.parse(hyphen.group(2)));
        }
        List<RangeBound> bounds = new ArrayList<>();
        for (RangeComparator c : RangeComparator.split(alternative)) {
            bounds.addAll(comparator(c.operator(), PartialVersion.parse(c.version())));
        }
        return bounds;
    }

    private static List<RangeBound> comparator(String operator, PartialVersion v) {
        return switch (operator) {
            case "", "=" -> exactly(v);
            case ">" -> greaterThan(v);
            case ">=" -> v.isAny() ? List.of() : List.of(RangeBound.ge(v.floor()));
            case "<" -> v.isAny() ? NOTHING : List.of(RangeBound.lt(v.isFull() ? v.floor() : lowestPrerelease(v.floor())));
            case "<=" -> v.isAny() ? List.of() : List.of(v.isFull() ? RangeBound.le(v.floor()) : RangeBound.lt(nextAfter(v)));
            case "~", "~>" -> tilde(v);
            case "^" -> caret(v);
            default -> throw new InvalidVersionException("'" + operator + "' is not a range operator");
        };
    }

    private static List<RangeBound> exactly(PartialVersion v) {
        if (v.isAny()) {
            return List.of();
        }
        if (v.isFull()) {
            return List.of(RangeBound.eq(v.floor()));
        }
        return List.of(RangeBound.ge(v.floor()), RangeBound.lt(nextAfter(v)));
    }

    private static List<RangeBound> greaterThan(PartialVersion v) {
        if (v.isAny()) {
            return NOTHING;
        }
        if (v.isFull()) {
            return List.of(RangeBound.gt(v.floor()));
        }
        return List.of(RangeBound.ge(release(nextAfter(v))));
    }

    private static List<RangeBound> tilde(PartialVersion v) {
        if (v.isAny()) {
            return List.of();
        }
        Version upper = v.minor() == null
                ? lowestPrerelease(increment(v.major()), 0, 0)
                : lowestPrerelease(v.major(), increment(v.minor()), 0);
        return List.of(RangeBound.ge(v.floor()), RangeBound.lt(upper));
    }

    private static List<RangeBound> caret(PartialVersion v) {
        if (v.isAny()) {
            return List.of();
        }
        Version upper;
        if (v.major() > 0 || v.minor() == null) {
            upper = lowestPrerelease(increment(v.major()), 0, 0);
        } else if (v.minor() > 0 || v.patch() == null) {
            upper = lowestPrerelease(0, increment(v.minor()), 0);
        } else {
            upper = lowestPrerelease(0, 0, increment(v.patch()));
        }
        return List.of(RangeBound.ge(v.floor()), RangeBound.lt(upper));
    }

    private static List<RangeBound> hyphen(PartialVersion from, PartialVersion to) {
        List<RangeBound> bounds = new ArrayList<>();
        if (!from.isAny()) {
            bounds.add(RangeBound.ge(from.floor()));
        }
        if (!to.isAny()) {
            bounds.add(to.isFull() ? RangeBound.le(to.floor()) : RangeBound.lt(nextAfter(to)));
        }
        return bounds;
    }

    /** For a partial {@code 1} or {@code 1.2}: the first pre-release past it, {@code 2.0.0-0} or {@code 1.3.0-0}. */
    private static Version nextAfter(PartialVersion v) {
        return v.minor() == null
                ? lowestPrerelease(increment(v.major()), 0, 0)
                : lowestPrerelease(v.major(), increment(v.minor()), 0);
    }

    private static Version release(Version version) {
        return Version.of(version.major(), version.minor(), version.patch());
    }

    private static Version lowestPrerelease(Version version) {
        return lowestPrerelease(version.major(), version.minor(), version.patch());
    }

    private static Version lowestPrerelease(long major, long minor, long patch) {
        return new Version(major, minor, patch, List.of("0"), List.of());
    }

    private static long increment(long number) {
        if (number == Long.MAX_VALUE) {
            throw new InvalidVersionException("a version number is too large");
        }
        return number + 1;
    }
}
