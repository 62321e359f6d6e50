package dev.plughub.host.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operations on configuration values as plain JSON (maps, lists, scalars) addressed by JSON paths
 * of property names joined with dots ({@code "db.port"}).
 */
final class ConfigValues {

    private ConfigValues() {
    }

    static List<String> segments(String path) {
        return path.isEmpty() ? List.of() : List.of(path.split("\\."));
    }

    static Map<String, Object> deepCopy(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key, deepCopyValue(value)));
        return copy;
    }

    static Object deepCopyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), deepCopyValue(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(deepCopyValue(item)));
            return copy;
        }
        return value;
    }

    static Optional<Object> get(Map<String, Object> values, String path) {
        Object node = values;
        for (String segment : segments(path)) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(segment)) {
                return Optional.empty();
            }
            node = map.get(segment);
        }
        return Optional.ofNullable(node);
    }

    /** Replaces the value at {@code path} when one is there (a null stays null: nothing to hide). */
    static void replaceIfPresent(Map<String, Object> values, String path, Object replacement) {
        String last = last(path);
        parent(values, path, false).filter(node -> node.get(last) != null).ifPresent(node -> node.put(last, replacement));
    }

    /** Sets the value at {@code path}, making the objects on the way when they are missing. */
    static void put(Map<String, Object> values, String path, Object value) {
        parent(values, path, true).orElseThrow().put(last(path), value);
    }

    /** Removes the value at {@code path}, if any. */
    static void remove(Map<String, Object> values, String path) {
        parent(values, path, false).ifPresent(node -> node.remove(last(path)));
    }

    /**
     * The object that holds {@code path}'s last segment; when one on the way is missing (or not an
     * object), made when {@code make}, else empty.
     */
    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> parent(Map<String, Object> values, String path, boolean make) {
        List<String> segments = segments(path);
        Map<String, Object> node = values;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            if (node.get(segment) instanceof Map<?, ?> next) {
                node = (Map<String, Object>) next;
            } else if (make) {
                Map<String, Object> made = new LinkedHashMap<>();
                node.put(segment, made);
                node = made;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    private static String last(String path) {
        List<String> segments = segments(path);
        return segments.get(segments.size() - 1);
    }

    /**
     * RFC 7396 JSON Merge Patch: objects merge member by member, {@code null} removes a member, any
     * other value replaces. Returns a new map; neither argument changes.
     */
    static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = deepCopy(target);
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> patchObject && result.get(key) instanceof Map<?, ?> current) {
                result.put(key, mergePatch(asObject(current), asObject(patchObject)));
            } else {
                result.put(key, deepCopyValue(value));
            }
        });
        return result;
    }

    /** The JSON paths of the leaves (scalars, lists, or whole added/removed objects) that differ. */
    static Set<String> changedPaths(Map<String, Object> before, Map<String, Object> after) {
        Set<String> changed = new TreeSet<>();
        collectChanges(before, after, "", changed);
        return changed;
    }

    private static void collectChanges(Map<String, Object> before, Map<String, Object> after, String prefix,
                                       Set<String> into) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            Object old = before.get(key);
            Object now = after.get(key);
            if (old instanceof Map<?, ?> oldMap && now instanceof Map<?, ?> newMap) {
                collectChanges(asObject(oldMap), asObject(newMap), path, into);
            } else if (before.containsKey(key) != after.containsKey(key) || !sameJson(old, now)) {
                into.add(path);
            }
        }
    }

    /** JSON equality: 5 (Integer) and 5 (Long) are the same number. */
    private static boolean sameJson(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameJson(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return changedPaths(asObject(x), asObject(y)).isEmpty();
        }
        return Objects.equals(a, b);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
