package dev.plughub.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plughub.core.PackageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link PluginManifest} into its canonical {@code plugin.json} form (seed 001 field names,
 * snake_case, dependencies in seed 002's object form) and back. The registry stores and serves this
 * form; the host reads it back.
 *
 * <p>The canonical form omits absent values and empty lists, and does not record the manifest's
 * source format: {@code fromJson(toJson(m))} equals {@code m.withFormat(PLUGIN_JSON)}, and
 * {@link #fromJson(Map, ManifestFormat)} restores the format when it was stored beside the JSON.
 */
public final class ManifestCodec {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ManifestCodec() {
    }

    /** The canonical JSON object of a manifest, as plain maps, lists and scalars. */
    public static Map<String, Object> toJson(PluginManifest manifest) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", manifest.id());
        json.put("name", manifest.name());
        json.put("version", manifest.version().toString());
        put(json, "description", manifest.description());
        put(json, "author", manifest.author());
        put(json, "license", manifest.license());
        put(json, "homepage_url", manifest.homepageUrl());
        put(json, "repository_url", manifest.repositoryUrl());
        put(json, "tags", manifest.tags());
        put(json, "category", manifest.category());
        put(json, "min_host_version", manifest.hostVersionRequirement());
        put(json, "runtime", manifest.runtime());
        put(json, "entry_point", manifest.entryPoint());
        Map<String, Object> dependencies = new LinkedHashMap<>();
        if (!manifest.pluginDependencies().isEmpty()) {
            Map<String, Object> plugins = new LinkedHashMap<>();
            for (PluginDependency dependency : manifest.pluginDependencies()) {
                plugins.put(dependency.id() + (dependency.optional() ? "?" : ""), dependency.range());
            }
            dependencies.put("plugins", plugins);
        }
        if (!manifest.packageDependencies().isEmpty()) {
            dependencies.put("packages", new LinkedHashMap<>(manifest.packageDependencies()));
        }
        if (!dependencies.isEmpty()) {
            json.put("dependencies", dependencies);
        }
        put(json, "permissions", manifest.permissions());
        put(json, "capabilities", manifest.capabilities());
        manifest.configSchema().ifPresent(schema -> json.put("config_schema", schema));
        Map<String, Object> events = new LinkedHashMap<>();
        putEvents(events, "emits", manifest.eventsEmitted(), manifest.eventDescriptions());
        putEvents(events, "subscribes", manifest.eventsSubscribed(), manifest.eventDescriptions());
        if (!events.isEmpty()) {
            json.put("events", events);
        }
        put(json, "actions", manifest.actions());
        put(json, "changelog", manifest.changelog());
        manifest.extra().forEach(json::putIfAbsent);
        return json;
    }

    /** Reads a canonical JSON object back (validating it as a plugin.json). */
    public static PluginManifest fromJson(Map<String, Object> json) {
        return fromJson(json, ManifestFormat.PLUGIN_JSON);
    }

    /** As {@link #fromJson(Map)}, for a manifest first read from {@code format}. */
    public static PluginManifest fromJson(Map<String, Object> json, ManifestFormat format) {
        try {
            return ManifestAssembler.assemble(new LinkedHashMap<>(json), format, new ManifestErrors());
        } catch (PackageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PackageException(ManifestErrors.RULE, "The manifest is invalid: " + e.getMessage(), Map.of(), e);
        }
    }

    /** The canonical form as JSON text (UTF-8 when written out). */
    public static String toJsonString(PluginManifest manifest) {
        try {
            return JSON.writeValueAsString(toJson(manifest));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest always serializes", e);
        }
    }

    /** Parses and validates plugin.json text, as {@link ManifestParser} does. */
    public static PluginManifest fromJsonString(String json) {
        return ManifestParser.parse(ManifestFormat.PLUGIN_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Event names as plain strings, and as {@code {"type", "description"}} objects where the manifest described them. */
    private static void putEvents(Map<String, Object> json, String key, List<String> names, Map<String, String> descriptions) {
        if (!names.isEmpty()) {
            json.put(key, names.stream().<Object>map(name -> descriptions.containsKey(name)
                    ? Map.of("type", name, "description", descriptions.get(name)) : name).toList());
        }
    }

    private static void put(Map<String, Object> json, String key, Optional<String> value) {
        value.ifPresent(text -> json.put(key, text));
    }

    private static void put(Map<String, Object> json, String key, List<String> values) {
        if (!values.isEmpty()) {
            json.put(key, new ArrayList<>(values));
        }
    }
}
