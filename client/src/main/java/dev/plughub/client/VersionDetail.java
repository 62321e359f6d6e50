package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The answer of {@code GET /api/v1/plugins/{id}/versions/{version}}. */
public record VersionDetail(String pluginId, VersionSummary summary, String sha256, String downloadUrl, JsonNode raw) {

    static VersionDetail from(JsonNode data) {
        VersionSummary summary = VersionSummary.from(data);
        String sha = Nodes.text(data, "sha256").orElseGet(() -> summary.fileHash().replaceFirst("^sha256:", ""));
        return new VersionDetail(Nodes.textOr(data, "plugin_id", ""), summary, sha,
                Nodes.textOr(data, "download_url", ""), data);
    }

    public String version() {
        return summary.version();
    }
}
