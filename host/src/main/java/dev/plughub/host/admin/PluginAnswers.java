package dev.plughub.host.admin;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Values a plugin hands back (action results, message replies, health checks) are written as JSON
 * only when they are JSON already: maps with text keys, lists and arrays, text, numbers, booleans
 * and null. Anything else — an arbitrary object, a thread, a time — would be written by calling its
 * getters on the request's thread, after the plugin's deadline, and could show the host's insides;
 * a map that holds itself would never finish. Such an answer is the plugin's failure (500
 * {@code PLUGIN_ACTION_FAILED}), not the client's.
 */
final class PluginAnswers {

    /** Deeper than any answer a person reads; a map that contains itself gets here at once. */
    private static final int MAX_DEPTH = 64;

    private PluginAnswers() {
    }

    /** {@code value} as given, once it is known to be plain JSON; {@code what} names it in the refusal. */
    static <T> T plain(String pluginId, String what, T value) {
        check(pluginId, what, value, what, 0);
        return value;
    }

    private static void check(String pluginId, String what, Object value, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw refused(pluginId, what, path + " is nested more than " + MAX_DEPTH + " levels deep (does it contain itself?)");
        }
        switch (value) {
            case null -> { }
            case String s -> { }
            case Boolean b -> { }
            case Integer n -> { }
            case Long n -> { }
            case Short n -> { }
            case Byte n -> { }
            case BigInteger n -> { }
            case BigDecimal n -> { }
            case Double d -> finite(pluginId, what, path, d);
            case Float f -> finite(pluginId, what, path, f.doubleValue());
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        throw refused(pluginId, what, path + " has a key that is not text (" + describe(entry.getKey()) + ")");
                    }
                    check(pluginId, what, entry.getValue(), path + "." + key, depth + 1);
                }
            }
            case Iterable<?> list -> {
                int i = 0;
                for (Object item : list) {
                    check(pluginId, what, item, path + "[" + i++ + "]", depth + 1);
                }
            }
            case Object[] array -> {
                for (int i = 0; i < array.length; i++) {
                    check(pluginId, what, array[i], path + "[" + i + "]", depth + 1);
                }
            }
            case int[] ints -> { }
            case long[] longs -> { }
            case boolean[] booleans -> { }
            default -> throw refused(pluginId, what, path + " is a " + describe(value) + ", which is not a JSON value"
                    + " (use maps, lists, text, numbers, booleans and null)");
        }
    }

    private static void finite(String pluginId, String what, String path, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw refused(pluginId, what, path + " is " + d + ", which JSON cannot hold");
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    private static HostException refused(String pluginId, String what, String problem) {
        return new HostException(HostError.PLUGIN_ACTION_FAILED, "Plugin " + pluginId + " answered with a " + what
                + " that cannot be sent as JSON: " + problem, Map.of("plugin_id", pluginId));
    }
}
