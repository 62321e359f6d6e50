package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/plugins/{id}}: the summary fields, the versions (newest first) and
 * the owners' user names; {@link #raw} holds the rest (dependencies, permissions, manifest, ratings).
 */
public record PluginDetail(PluginSummary summary, List<VersionSummary> versions, List<String> owners, JsonNode raw) {

    static PluginDetail from(JsonNode data) {
        List<VersionSummary> versions = Nodes.items(data, "versions").stream().map(VersionSummary::from).toList();
        List<String> owners = Nodes.items(data, "owners").stream()
                .map(o -> o.isTextual() ? o.asText() : Nodes.textOr(o, "username", ""))
                .filter(s -> !s.isEmpty())
                .toList();
        return new PluginDetail(PluginSummary.from(data), versions, owners, data);
    }

    public String id() {
        return summary.id();
    }
}
