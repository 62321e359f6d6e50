package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lenient reading of answer fields: a missing or null field is an empty value, never an exception. */
final class Nodes {

    private Nodes() {
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
    }

    static String textOr(JsonNode node, String field, String fallback) {
        return text(node, field).orElse(fallback);
    }

    static long number(JsonNode node, String field) {
        return node.path(field).asLong(0);
    }

    static double decimal(JsonNode node, String field) {
        return node.path(field).asDouble(0);
    }

    static boolean bool(JsonNode node, String field) {
        return node.path(field).asBoolean(false);
    }

    static Optional<Instant> instant(JsonNode node, String field) {
        return text(node, field).flatMap(t -> {
            try {
                return Optional.of(Instant.parse(t));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : node.path(field)) {
            if (item.isValueNode() && !item.isNull()) {
                out.add(item.asText());
            }
        }
        return List.copyOf(out);
    }

    /** The items of an array field, or of the array {@code node} itself when it is one. */
    static List<JsonNode> items(JsonNode node, String field) {
        JsonNode array = node.isArray() ? node : node.path(field);
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
