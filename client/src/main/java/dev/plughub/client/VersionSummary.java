package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** One published version of a plugin, as the plugin detail and the versions list show it. */
public record VersionSummary(
        String version,
        Optional<String> changelog,
        long fileSize,
        String fileHash,
        long downloads,
        Optional<Instant> createdAt,
        boolean stable,
        boolean yanked,
        JsonNode raw) {

    static VersionSummary from(JsonNode node) {
        return new VersionSummary(
                Nodes.textOr(node, "version", ""),
                Nodes.text(node, "changelog"),
                Nodes.number(node, "file_size"),
                Nodes.textOr(node, "file_hash", ""),
                Nodes.number(node, "downloads"),
                Nodes.instant(node, "created_at"),
                Nodes.bool(node, "is_stable"),
                Nodes.bool(node, "yanked"),
                node);
    }
}
