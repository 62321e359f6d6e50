package dev.plughub.core.manifest;

import dev.plughub.core.version.Version;
import java.util.Optional;

/**
 * A manifest's host requirement ({@code min_host_version}, seed 001's {@code min_geektools_version}):
 * a version, meaning "this version or later", or a range. Kept as a range, shown back as the
 * minimum version when that is all it says.
 */
public final class HostRequirement {

    private static final String AT_LEAST = ">=";

    private HostRequirement() {
    }

    /** The range a manifest's text means: {@code 1.0.0} is {@code >=1.0.0}; a range stays as written. */
    public static String asRange(String text) {
        return Version.tryParse(text.strip()).map(version -> AT_LEAST + version).orElse(text);
    }

    /**
     * The requirement as a minimum version, when it is one ({@code >=1.0.0} is {@code 1.0.0}, as seed
     * 001's {@code min_geektools_version} shows it); any other range as it is.
     */
    public static String asMinimumVersion(String range) {
        if (range.startsWith(AT_LEAST)) {
            Optional<Version> version = Version.tryParse(range.substring(AT_LEAST.length()).strip());
            if (version.isPresent()) {
                return version.get().toString();
            }
        }
        return range;
    }
}
