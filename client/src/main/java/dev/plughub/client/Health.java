package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The answer of {@code GET /api/v1/health}. */
public record Health(String status, String version, String storagePath, long pluginsCount, JsonNode raw) {

    static Health from(JsonNode body) {
        return new Health(Nodes.textOr(body, "status", "unknown"), Nodes.textOr(body, "version", ""),
                Nodes.textOr(body, "storage_path", ""), Nodes.number(body, "plugins_count"), body);
    }
}
