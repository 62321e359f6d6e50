package dev.plughub.core.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which settings of a plugin's {@code config_schema} are secrets, and where a secret is declared
 * where it cannot be hidden. Secrets are masked by their path through nested {@code properties};
 * one declared inside {@code items}, {@code additionalProperties}, a {@code $ref}'d definition or
 * {@code allOf}/{@code anyOf}/{@code oneOf} would be shown in clear. The host refuses such a
 * package; the registry warns its author at publish.
 */
public final class ConfigSecrets {

    private ConfigSecrets() {
    }

    /** Whether a property's schema marks a secret: {@code writeOnly}, {@code x-secret} or {@code format: password}. */
    public static boolean isSecret(Map<String, Object> schema) {
        return Boolean.TRUE.equals(schema.get("writeOnly")) || Boolean.TRUE.equals(schema.get("x-secret"))
                || "password".equals(schema.get("format"));
    }

    /**
     * The path (keywords and names, dot-separated: {@code properties.servers.items.properties.password})
     * of the first secret not reached through {@code properties} alone; empty when every one is.
     */
    public static Optional<String> unhideable(Map<String, Object> schema) {
        return unhideable(schema, "", true);
    }

    private static Optional<String> unhideable(Object node, String path, boolean reachable) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> schema = asObject(map);
            if (!reachable && isSecret(schema)) {
                return Optional.of(path);
            }
            for (Map.Entry<String, Object> entry : schema.entrySet()) {
                String at = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                Optional<String> found;
                if (entry.getKey().equals("properties") && entry.getValue() instanceof Map<?, ?> properties) {
                    found = asObject(properties).entrySet().stream()
                            .map(property -> unhideable(property.getValue(), at + "." + property.getKey(), reachable))
                            .flatMap(Optional::stream).findFirst();
                } else {
                    found = unhideable(entry.getValue(), at, false);
                }
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<String> found = unhideable(list.get(i), path + "[" + i + "]", false);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
