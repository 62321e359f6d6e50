package dev.plughub.registry.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.core.version.InvalidVersionException;
import dev.plughub.core.version.Version;
import dev.plughub.core.version.VersionRange;
import dev.plughub.registry.http.FieldErrors;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client will accept, shared by update checks and resolving: never a yanked version; only
 * versions that run on {@code hostVersion} when the client names one; and pre-releases only when the
 * client asks for them ({@code prerelease: true}) or the range itself names a pre-release of the same
 * MAJOR.MINOR.PATCH (npm's rule, which {@link VersionRange#contains} applies).
 */
public record VersionChoice(boolean prereleases, Optional<Version> hostVersion) {

    public static final VersionChoice STABLE = new VersionChoice(false, Optional.empty());

    private static final Pattern HYPHEN = Pattern.compile("^(\\S+)\\s+-\\s+(\\S+)$");

    /** Reads {@code host_version} and {@code prerelease} from a request body, noting what is wrong. */
    public static VersionChoice read(JsonNode body, FieldErrors errors) {
        boolean prereleases = false;
        JsonNode flag = body.path("prerelease");
        if (flag.isBoolean()) {
            prereleases = flag.asBoolean();
        } else if (!flag.isMissingNode() && !flag.isNull()) {
            errors.error("prerelease", "prerelease must be true or false");
        }
        Optional<Version> host = Optional.empty();
        JsonNode hostNode = body.path("host_version");
        if (hostNode.isTextual()) {
            host = Version.tryParse(hostNode.asText().strip());
            if (host.isEmpty()) {
                errors.error("host_version", "host_version must be a SemVer version such as 1.4.0");
            }
        } else if (!hostNode.isMissingNode() && !hostNode.isNull()) {
            errors.error("host_version", "host_version must be a string holding a SemVer version such as 1.4.0");
        }
        return new VersionChoice(prereleases, host);
    }

    /** Whether the release may be offered at all: not yanked, and it runs on the client's host. */
    public boolean offers(Release release) {
        return !release.yanked() && hostVersion.map(release::runsOn).orElse(true);
    }

    /** Whether {@code version} satisfies {@code range} for this client. */
    public boolean matches(VersionRange range, Version version) {
        if (range.contains(version)) {
            return true;
        }
        return prereleases && version.isPrerelease() && includingPrereleasesOf(range, version).contains(version);
    }

    /**
     * The range with npm's pre-release rule lifted for {@code version}'s MAJOR.MINOR.PATCH (node-semver's
     * {@code includePrerelease}): every alternative gains {@code >=M.m.p-0}, a bound every pre-release of
     * M.m.p meets and that names one, so only the range's own bounds decide. Hyphen ranges are written
     * out as {@code >=A <=B} first (the same bounds) because a hyphen range takes no further comparator.
     */
    static VersionRange includingPrereleasesOf(VersionRange range, Version version) {
        String floor = " >=" + version.major() + "." + version.minor() + "." + version.patch() + "-0";
        StringJoiner alternatives = new StringJoiner(" || ");
        for (String alternative : range.toString().split("\\|\\|", -1)) {
            String text = alternative.strip();
            Matcher hyphen = HYPHEN.matcher(text);
            if (hyphen.matches()) {
                text = ">=" + hyphen.group(1) + " <=" + hyphen.group(2);
            }
            alternatives.add(text + floor);
        }
        try {
            return VersionRange.parse(alternatives.toString());
        } catch (InvalidVersionException e) {
            return range; // longer than a range may be: keep npm's rule rather than fail
        }
    }
}
