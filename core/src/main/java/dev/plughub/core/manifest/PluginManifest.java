package dev.plughub.core.manifest;

import dev.plughub.core.version.Version;
import dev.plughub.core.version.VersionRange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one manifest model every manifest format maps to (DESIGN.md, "Package formats and manifests").
 * Lists and maps are never null (empty when absent); absent scalars are {@link Optional#empty()}.
 *
 * @param configSchema the plugin's configuration JSON Schema as parsed JSON (maps, lists, scalars)
 * @param eventDescriptions what the manifest says of its events, by event name, for those it
 *                     describes ({@code {"type": "user.login", "description": "…"}})
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
        Map<String, String> eventDescriptions,
        List<String> actions,
        Optional<String> changelog,
        ManifestFormat format,
        Map<String, Object> extra) {

    public PluginManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(format, "format");
        description = Objects.requireNonNull(description, "description");
        author = Objects.requireNonNull(author, "author");
        license = Objects.requireNonNull(license, "license");
        homepageUrl = Objects.requireNonNull(homepageUrl, "homepageUrl");
        repositoryUrl = Objects.requireNonNull(repositoryUrl, "repositoryUrl");
        category = Objects.requireNonNull(category, "category");
        hostVersionRequirement = Objects.requireNonNull(hostVersionRequirement, "hostVersionRequirement");
        runtime = Objects.requireNonNull(runtime, "runtime");
        entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
        changelog = Objects.requireNonNull(changelog, "changelog");
        tags = List.copyOf(tags);
        pluginDependencies = List.copyOf(pluginDependencies);
        packageDependencies = Collections.unmodifiableMap(new LinkedHashMap<>(packageDependencies));
        permissions = List.copyOf(permissions);
        capabilities = List.copyOf(capabilities);
        configSchema = configSchema.map(JsonValues::freezeObject);
        eventsEmitted = List.copyOf(eventsEmitted);
        eventsSubscribed = List.copyOf(eventsSubscribed);
        eventDescriptions = Collections.unmodifiableMap(new LinkedHashMap<>(eventDescriptions));
        actions = List.copyOf(actions);
        extra = JsonValues.freezeObject(extra);
    }

    /** The host versions this plugin runs on, when it says; a bare version {@code 1.0.0} was read as {@code >=1.0.0}. */
    public Optional<VersionRange> hostVersionRange() {
        return hostVersionRequirement.map(VersionRange::parse);
    }

    /** Whether the plugin runs on the given host version (true when it names no requirement). */
    public boolean supportsHost(Version hostVersion) {
        return hostVersionRange().map(range -> range.contains(hostVersion)).orElse(true);
    }

    /** The same manifest, marked as read from another format (the canonical JSON form drops the format). */
    public PluginManifest withFormat(ManifestFormat newFormat) {
        return new PluginManifest(id, name, version, description, author, license, homepageUrl, repositoryUrl,
                tags, category, hostVersionRequirement, runtime, entryPoint, pluginDependencies,
                packageDependencies, permissions, capabilities, configSchema, eventsEmitted, eventsSubscribed,
                eventDescriptions, actions, changelog, newFormat, extra);
    }
}
