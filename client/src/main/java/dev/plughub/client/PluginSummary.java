package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** One plugin as lists show it; {@link #raw} holds every field the registry sent. */
public record PluginSummary(
        String id,
        String name,
        String description,
        Optional<String> author,
        Optional<String> currentVersion,
        long downloads,
        double rating,
        long ratingCount,
        String status,
        List<String> tags,
        JsonNode raw) {

    static PluginSummary from(JsonNode node) {
        return new PluginSummary(
                Nodes.textOr(node, "id", ""),
                Nodes.textOr(node, "name", ""),
                Nodes.textOr(node, "description", ""),
                Nodes.text(node, "author"),
                Nodes.text(node, "current_version"),
                Nodes.number(node, "downloads"),
                Nodes.decimal(node, "rating"),
                Nodes.number(node, "rating_count"),
                Nodes.textOr(node, "status", ""),
                Nodes.strings(node, "tags"),
                node);
    }
}
