package dev.plughub.core.manifest;

import dev.plughub.core.version.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one manifest model every manifest format maps to (DESIGN.md, "Package formats and manifests").
 * Lists and maps are never null (empty when absent); absent scalars are {@link Optional#empty()}.
 *
 * @param configSchema the plugin's configuration JSON Schema as parsed JSON (maps, lists, scalars)
 * @param extra        fields of the source manifest the model does not name (e.g. seed 001's
 *                     {@code main_script}), kept so nothing the author wrote is lost
 */
public record PluginManifest(
        String id,
        String name,
        Version version,
        Optional<String> description,
        Optional<String> author,
        Optional<String> license,
        Optional<String> homepageUrl,
        Optional<String> repositoryUrl,
        List<String> tags,
        Optional<String> category,
        Optional<String> hostVersionRequirement,
        Optional<String> runtime,
        Optional<String> entryPoint,
        List<PluginDependency> pluginDependencies,
        Map<String, String> packageDependencies,
        List<String> permissions,
        List<String> capabilities,
        Optional<Map<String, Object>> configSchema,
        List<String> eventsEmitted,
        List<String> eventsSubscribed,
        List<String> actions,
        Optional<String> changelog,
        ManifestFormat format,
        Map<String, Object> extra) {
}
