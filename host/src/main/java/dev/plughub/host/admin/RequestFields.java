package dev.plughub.host.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed reading of a request's fields (a JSON body or query parameters), collecting every field at
 * fault so one 422 names them all.
 */
final class RequestFields {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Map<String, Object> values;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private RequestFields(Map<String, Object> values) {
        this.values = values;
    }

    static RequestFields of(Map<String, Object> values) {
        return new RequestFields(values);
    }

    Optional<String> string(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            return Optional.of(text);
        }
        return fail(field, "must be a string");
    }

    String requiredString(String field) {
        Optional<String> value = string(field);
        if (value.isEmpty() && !errors.containsKey(field)) {
            fail(field, "is required");
        } else if (value.isPresent() && value.get().isBlank()) {
            fail(field, "must not be empty");
        }
        return value.orElse("");
    }

    Optional<Boolean> bool(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        // Query parameters arrive as text.
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        return fail(field, "must be true or false");
    }

    Optional<Double> number(String field, double min, double max) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        Double number = value instanceof Number n ? Double.valueOf(n.doubleValue()) : parse(value);
        if (number == null || number.isNaN()) {
            return fail(field, "must be a number");
        }
        if (number < min || number > max) {
            return fail(field, "must be from " + shown(min) + " to " + shown(max));
        }
        return Optional.of(number);
    }

    Optional<Integer> integer(String field, int min, int max) {
        Optional<Double> number = number(field, min, max);
        if (number.isPresent() && number.get() != Math.rint(number.get())) {
            return fail(field, "must be a whole number");
        }
        return number.map(Double::intValue);
    }

    Set<String> strings(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(item -> item instanceof String)) {
            fail(field, "must be a list of strings");
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        list.forEach(item -> result.add((String) item));
        return result;
    }

    Map<String, Object> object(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), v));
            return result;
        }
        fail(field, "must be a JSON object");
        return Map.of();
    }

    /** Records a broken rule found outside this class (a field that parses but does not make sense). */
    void reject(String field, String message) {
        fail(field, message);
    }

    /** Throws a 422 naming every field at fault, if any. */
    void check() {
        if (!errors.isEmpty()) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            errors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            throw AdminException.invalid(copy);
        }
    }

    private <T> Optional<T> fail(String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
        return Optional.empty();
    }

    /** A decimal number as text; Java's parser would also take NaN, Infinity, 0x1p3 and 1d. */
    private static Double parse(Object value) {
        if (!(value instanceof String text) || !DECIMAL.matcher(text.trim()).matches()) {
            return null;
        }
        return Double.valueOf(text.trim());
    }

    private static String shown(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
