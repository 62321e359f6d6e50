package dev.plughub.registry.resolve;

import dev.plughub.core.manifest.PluginDependency;
import dev.plughub.core.version.Version;
import dev.plughub.core.version.VersionRange;
import dev.plughub.registry.downloads.DownloadRoutes;
import dev.plughub.registry.downloads.ServedVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One published, not deleted version as update checks, the resolver and the PF4J repository see it:
 * its file, whether it is yanked, the host versions it runs on and the plugins it needs.
 *
 * @param hostRequirement the manifest's host version range ({@code >=1.0.0} for a bare version)
 * @param runtime         the manifest's runtime ({@code java}, {@code grpc} …), when it names one
 */
public record Release(
        long pluginPk,
        long versionPk,
        String pluginId,
        Version version,
        String format,
        long fileSize,
        String sha256,
        boolean yanked,
        Instant publishedAt,
        Optional<String> hostRequirement,
        Optional<String> runtime,
        List<PluginDependency> dependencies) {

    public Release {
        dependencies = List.copyOf(dependencies);
    }

    /** {@code id@version}, how conflicts and cycles name a release. */
    public String label() {
        return pluginId + "@" + version;
    }

    /** Whether it runs on the given host version (true when it names no requirement, or one we cannot read). */
    public boolean runsOn(Version hostVersion) {
        return hostRequirement.filter(VersionRange::isValid)
                .map(range -> VersionRange.parse(range).contains(hostVersion))
                .orElse(true);
    }

    /** The download route for exactly this version (a named version downloads even when yanked). */
    public String downloadUrl() {
        return downloadUrl(pluginId, version.toString());
    }

    /** The download route's address for one named version. */
    public static String downloadUrl(String pluginId, String version) {
        return DownloadRoutes.PATH.replace("{id}", pluginId) + "?version="
                + URLEncoder.encode(version, StandardCharsets.UTF_8);
    }

    /** The version as the download route serves it: its file name and media type come from there. */
    public ServedVersion served() {
        return new ServedVersion(pluginPk, versionPk, pluginId, version.toString(), format, fileSize, sha256);
    }
}
