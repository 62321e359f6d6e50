package dev.plughub.host.config;

import dev.plughub.core.manifest.ConfigSecrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Walks a schema's nested {@code properties}: defaults, secrets and restart flags by JSON path. */
final class SchemaTree {

    private final Map<String, Object> root;
    private final Set<String> secretPaths;

    SchemaTree(Map<String, Object> root) {
        this.root = root;
        Set<String> secrets = new TreeSet<>();
        collectSecrets(root, "", secrets);
        this.secretPaths = Set.copyOf(secrets);
    }

    Set<String> secretPaths() {
        return secretPaths;
    }

    boolean restartRequired(String path) {
        Map<String, Object> node = root;
        if (flagged(node, "x-restart-required")) {
            return true;
        }
        for (String segment : ConfigValues.segments(path)) {
            if (!(properties(node).get(segment) instanceof Map<?, ?> child)) {
                return false;
            }
            node = asObject(child);
            if (flagged(node, "x-restart-required")) {
                return true;
            }
        }
        return false;
    }

    /** A deep copy of {@code values} with each absent property that has a {@code default} filled in. */
    Map<String, Object> withDefaults(Map<String, Object> values) {
        Map<String, Object> copy = ConfigValues.deepCopy(values);
        fillDefaults(root, copy);
        return copy;
    }

    private static void fillDefaults(Map<String, Object> schema, Map<String, Object> target) {
        properties(schema).forEach((name, child) -> {
            if (!(child instanceof Map<?, ?> childMap)) {
                return;
            }
            Map<String, Object> childSchema = asObject(childMap);
            Object present = target.get(name);
            if (present instanceof Map<?, ?> nested) {
                fillDefaults(childSchema, asObject(nested));   // a mutable copy: withDefaults deep-copied it
            } else if (!target.containsKey(name) && childSchema.containsKey("default")) {
                target.put(name, ConfigValues.deepCopyValue(childSchema.get("default")));
            } else if (!target.containsKey(name) && !properties(childSchema).isEmpty()
                    && !needsValueWithoutDefault(childSchema)) {
                // An omitted section is filled from its defaults, unless that would then fail the
                // section's own required fields — the operator did not ask for the section at all.
                Map<String, Object> section = new LinkedHashMap<>();
                fillDefaults(childSchema, section);
                if (!section.isEmpty()) {
                    target.put(name, section);
                }
            }
        });
    }

    private static boolean needsValueWithoutDefault(Map<String, Object> schema) {
        if (!(schema.get("required") instanceof List<?> required)) {
            return false;
        }
        Map<String, Object> properties = properties(schema);
        return required.stream().anyMatch(name -> !(properties.get(String.valueOf(name)) instanceof Map<?, ?> p)
                || !p.containsKey("default"));
    }

    private static void collectSecrets(Map<String, Object> schema, String prefix, Set<String> into) {
        properties(schema).forEach((name, child) -> {
            if (child instanceof Map<?, ?> childMap) {
                Map<String, Object> childSchema = asObject(childMap);
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                if (ConfigSecrets.isSecret(childSchema)) {
                    into.add(path);
                }
                collectSecrets(childSchema, path, into);
            }
        });
    }

    /**
     * Refuses a schema that marks a secret where masking cannot follow it: secrets are hidden by
     * their path through nested {@code properties}, so one declared inside {@code items},
     * {@code additionalProperties}, a {@code $ref}'d definition or {@code allOf}/{@code anyOf}/{@code oneOf}
     * would be shown in clear, and sending back the mask would overwrite it.
     */
    static void requireHideableSecrets(Map<String, Object> schema) {
        ConfigSecrets.unhideable(schema).ifPresent(where -> {
            throw new IllegalArgumentException("it marks a secret (writeOnly, x-secret or format password) where it could"
                    + " not be hidden, at " + where + ": secrets may be declared only under properties (nested as deep"
                    + " as you like), not inside items, additionalProperties, $ref'd definitions or allOf/anyOf/oneOf");
        });
    }

    private static boolean flagged(Map<String, Object> schema, String keyword) {
        return Boolean.TRUE.equals(schema.get(keyword));
    }

    private static Map<String, Object> properties(Map<String, Object> schema) {
        return schema.get("properties") instanceof Map<?, ?> properties ? asObject(properties) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
