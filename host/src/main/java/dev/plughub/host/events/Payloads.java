package dev.plughub.host.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep unmodifiable copies of JSON payloads. An event or message goes to code in other class
 * loaders, possibly on several threads at once; a copy means no receiver can change what another
 * sees, nor can the sender change it after sending.
 */
public final class Payloads {

    private Payloads() {
    }

    public static Map<String, Object> freeze(Map<String, ?> payload) {
        if (payload == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        payload.forEach((key, value) -> copy.put(key, freezeValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object freezeValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), freezeValue(item)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(freezeValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
