package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The answer of a publish: what the registry stored. */
public record Published(
        String id,
        String name,
        String version,
        String uploadId,
        long fileSize,
        String fileHash,
        String status,
        JsonNode raw) {

    static Published from(JsonNode data) {
        return new Published(
                Nodes.textOr(data, "id", ""),
                Nodes.textOr(data, "name", ""),
                Nodes.textOr(data, "version", ""),
                Nodes.textOr(data, "upload_id", ""),
                Nodes.number(data, "file_size"),
                Nodes.textOr(data, "file_hash", ""),
                Nodes.textOr(data, "status", ""),
                data);
    }
}
