package dev.plughub.host.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads seed 002's configuration shorthand — a bare map of field name to
 * {@code {"type", "default", "min", "max", "enum", "secret", "required", "description"}} — as the
 * JSON Schema it means. A map that already looks like a JSON Schema is returned as it is.
 */
final class SeedSchemaForm {

    private static final Set<String> SCHEMA_KEYWORDS = Set.of("$schema", "$id", "type", "properties",
            "required", "additionalProperties", "allOf", "anyOf", "oneOf", "$ref", "$defs", "definitions");

    private SeedSchemaForm() {
    }

    static Map<String, Object> normalize(Map<String, Object> schema) {
        if (!isShorthand(schema)) {
            return schema;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        schema.forEach((field, spec) -> {
            Map<String, Object> property = new LinkedHashMap<>();
            ConfigValues.asObject((Map<?, ?>) spec).forEach((key, value) -> {
                switch (key) {
                    case "min" -> property.put("minimum", value);
                    case "max" -> property.put("maximum", value);
                    case "secret" -> property.put("x-secret", value);
                    case "required" -> {
                        if (Boolean.TRUE.equals(value)) {
                            required.add(field);
                        }
                    }
                    default -> property.put(key, value);
                }
            });
            properties.put(field, property);
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("type", "object");
        result.put("properties", properties);
        if (!required.isEmpty()) {
            result.put("required", required);
        }
        return result;
    }

    /** Every member is an object, none is a JSON Schema keyword, and each names a {@code type}. */
    private static boolean isShorthand(Map<String, Object> schema) {
        return schema.keySet().stream().noneMatch(SCHEMA_KEYWORDS::contains)
                && schema.values().stream().allMatch(v -> v instanceof Map<?, ?> m && m.containsKey("type"));
    }
}
