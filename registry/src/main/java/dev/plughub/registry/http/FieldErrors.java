package dev.plughub.registry.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages per request field, collected while a body is read so that every field at fault is
 * reported at once (seed 001's 422 shape).
 */
public class FieldErrors {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public void error(String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    /** A 422 {@code VALIDATION_FAILED} naming every field at fault, if any is. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            errors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            throw ApiException.validation(copy);
        }
    }
}
