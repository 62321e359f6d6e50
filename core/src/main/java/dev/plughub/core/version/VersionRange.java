package dev.plughub.core.version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An npm-style version range: {@code ^1.2.0}, {@code ~1.2}, {@code >=1.0.0 <2.0.0}, {@code 1.x},
 * {@code 1.2.3 - 2.0.0}, {@code a || b}, {@code *}. Pre-releases match only when the range names a
 * pre-release of the same major.minor.patch (npm's rule).
 *
 * <p>The text is desugared the way node-semver does it (for example {@code ^1.2.3} becomes
 * {@code >=1.2.3 <2.0.0-0}), so a range means here what it means to npm. {@link #toString()} gives
 * back the text exactly as written.
 */
public final class VersionRange {

    /** The longest range text {@link #parse} accepts; ranges in manifests are short. */
    public static final int MAX_LENGTH = 1024;

    private final String text;
    private final List<List<RangeBound>> alternatives;

    private VersionRange(String text, List<List<RangeBound>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /** Throws {@link InvalidVersionException} for a range that does not parse. */
    public static VersionRange parse(String text) {
        if (text == null) {
            throw new InvalidVersionException("a version range is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidVersionException("a version range is at most " + MAX_LENGTH + " characters");
        }
        List<List<RangeBound>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|\\|", -1)) {
            try {
                alternatives.add(RangeSyntax.comparatorSet(alternative.strip()));
            } catch (InvalidVersionException e) {
                throw new InvalidVersionException("'" + shorten(text) + "' is not a version range: " + e.getMessage());
            }
        }
        return new VersionRange(text, List.copyOf(alternatives));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    public static VersionRange any() {
        return parse("*");
    }

    public boolean contains(Version version) {
        Objects.requireNonNull(version, "version");
        return alternatives.stream().anyMatch(bounds -> satisfies(bounds, version));
    }

    /** The highest version in {@code candidates} that this range contains. */
    public Optional<Version> highestMatch(Collection<Version> candidates) {
        return candidates.stream().filter(this::contains).max(Version::compareTo);
    }

    private static boolean satisfies(List<RangeBound> bounds, Version version) {
        for (RangeBound bound : bounds) {
            if (!bound.test(version)) {
                return false;
            }
        }
        if (!version.isPrerelease()) {
            return true;
        }
        // npm's rule: a pre-release only matches when the range itself names a pre-release of the
        // same MAJOR.MINOR.PATCH, so "^1.2.0" never pulls in 1.3.0-beta by accident.
        for (RangeBound bound : bounds) {
            Version named = bound.version();
            if (named.isPrerelease() && named.major() == version.major() && named.minor() == version.minor()
                    && named.patch() == version.patch()) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionRange range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The range exactly as written. */
    @Override
    public String toString() {
        return text;
    }
}
