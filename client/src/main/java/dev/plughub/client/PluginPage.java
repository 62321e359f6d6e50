package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One page of a plugin list or search; {@link #raw} is the answer's whole {@code data} object. */
public record PluginPage(List<PluginSummary> plugins, PageInfo pagination, JsonNode raw) {

    static PluginPage from(JsonNode data) {
        return new PluginPage(Nodes.items(data, "plugins").stream().map(PluginSummary::from).toList(),
                PageInfo.from(data.path("pagination")), data);
    }
}
