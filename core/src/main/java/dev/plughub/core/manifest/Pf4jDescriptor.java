package dev.plughub.core.manifest;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * PF4J's plugin descriptor, from MANIFEST.MF ({@code Plugin-Id}) or plugin.properties
 * ({@code plugin.id}), mapped to plugin.json fields: Plugin-Class is the entry point of a
 * {@code java} plugin, Plugin-Provider the author, Plugin-Requires the host version requirement,
 * and {@code Plugin-Dependencies: a@>=1.0, b?} the plugin dependencies.
 */
final class Pf4jDescriptor {

    /** PF4J attribute (after "Plugin-" / "plugin.") → plugin.json field. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("id", "id"),
            Map.entry("name", "name"),
            Map.entry("version", "version"),
            Map.entry("description", "description"),
            Map.entry("provider", "author"),
            Map.entry("license", "license"),
            Map.entry("requires", "requires"),
            Map.entry("class", "entry_point"),
            Map.entry("homepage", "homepage_url"),
            Map.entry("repository", "repository_url"),
            Map.entry("category", "category"),
            Map.entry("runtime", "runtime"));

    private Pf4jDescriptor() {
    }

    static Map<String, String> manifestAttributes(String text) {
        Map<String, String> plugin = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JarManifestReader.mainAttributes(text).forEach((key, value) -> {
            if (key.regionMatches(true, 0, "Plugin-", 0, 7)) {
                plugin.put(key.substring(7), value);
            }
        });
        return plugin;
    }

    static Map<String, String> propertiesAttributes(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw ManifestText.unreadable(ManifestFormat.PLUGIN_PROPERTIES.fileName(), "it is not a properties file: " + e.getMessage(), e);
        }
        Map<String, String> plugin = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        properties.stringPropertyNames().stream().sorted().forEach(key -> {
            if (key.regionMatches(true, 0, "plugin.", 0, 7)) {
                plugin.put(key.substring(7), properties.getProperty(key));
            }
        });
        return plugin;
    }

    static boolean declaresPlugin(Map<String, String> attributes) {
        String id = attributes.get("id");
        return id != null && !id.isBlank();
    }

    /** The descriptor as plugin.json fields; unknown Plugin-* attributes are kept under their own names. */
    static Map<String, Object> fields(Map<String, String> attributes, String keyStyle, ManifestErrors errors) {
        Map<String, Object> fields = new LinkedHashMap<>();
        attributes.forEach((key, rawValue) -> {
            String value = rawValue.strip();
            String attribute = key.toLowerCase(Locale.ROOT);
            if (attribute.equals("dependencies")) {
                fields.put("dependencies", Map.of("plugins", dependencies(value, errors)));
            } else if (FIELDS.containsKey(attribute)) {
                fields.put(FIELDS.get(attribute), value);
            } else {
                fields.put(keyStyle + key, value);
            }
        });
        if (fields.containsKey("entry_point") && !fields.containsKey("runtime")) {
            fields.put("runtime", "java");
        }
        if (!fields.containsKey("name") && fields.get("id") != null) {
            fields.put("name", fields.get("id"));
        }
        return fields;
    }

    /**
     * {@code a@>=1.0 & <2.0, b?, c?@1.x}: PF4J writes "and" as {@code &} and "or" as {@code |}; those
     * become npm's space and {@code ||}.
     */
    static Map<String, Object> dependencies(String text, ManifestErrors errors) {
        Map<String, Object> plugins = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            String dependency = item.strip();
            if (dependency.isEmpty()) {
                continue;
            }
            int at = dependency.indexOf('@');
            String id = (at < 0 ? dependency : dependency.substring(0, at)).strip();
            String range = at < 0 ? "*" : dependency.substring(at + 1).strip();
            range = range.replace("&", " ").replaceAll("(?<!\\|)\\|(?!\\|)", "||").replaceAll("\\s+", " ").strip();
            if (plugins.containsKey(id) || plugins.containsKey(id + "?") || plugins.containsKey(id.replace("?", ""))) {
                errors.add("dependencies.plugins", "'" + ManifestValidator.shown(id) + "' is listed twice");
                continue;
            }
            plugins.put(id, range.isEmpty() ? "*" : range);
        }
        return plugins;
    }
}
