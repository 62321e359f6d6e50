package dev.plughub.core.manifest;

import dev.plughub.core.version.VersionRange;

/** Another plugin this one needs: its id, the versions accepted, and whether it may be absent. */
public record PluginDependency(String id, String range, boolean optional) {
    public VersionRange versionRange() {
        return VersionRange.parse(range);
    }
}
