package dev.plughub.host;

import dev.plughub.client.PluginPage;
import dev.plughub.client.PluginSummary;
import dev.plughub.client.PlughubClient;
import dev.plughub.client.PlughubClientException;
import dev.plughub.client.SearchQuery;
import dev.plughub.host.install.RegistrySource;
import dev.plughub.host.install.RemotePlugin;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Searches the configured registries through the Java client, the first registries' results first.
 * Each registry's client is made on first search and kept, with its connections, until the host closes.
 */
final class RegistrySearch implements AutoCloseable {

    private static final int MAX_LIMIT = 100;

    private final List<URI> registries;
    private final Map<URI, PlughubClient> clients = new ConcurrentHashMap<>();

    RegistrySearch(List<URI> registries) {
        this.registries = List.copyOf(registries);
    }

    @Override
    public void close() {
        clients.values().forEach(PlughubClient::close);
    }

    List<RegistrySource> sources() {
        return registries.stream()
                .map(url -> new RegistrySource(url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : ""), url, true))
                .toList();
    }

    List<RemotePlugin> search(String query, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new HostException(HostError.VALIDATION_ERROR, "limit must be between 1 and " + MAX_LIMIT + ", not " + limit,
                    Map.of("field", "limit"));
        }
        List<RemotePlugin> found = new ArrayList<>();
        for (URI registry : registries) {
            if (found.size() >= limit) {
                break;
            }
            PluginPage page;
            try {
                page = clients.computeIfAbsent(registry, url -> PlughubClient.create(url.toString())).search(SearchQuery.of(query).withLimit(limit - found.size()));
            } catch (PlughubClientException e) {
                throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, "searching the registry " + registry
                        + " failed: " + e.getMessage(), Map.of("registry", registry.toString()), e);
            }
            for (PluginSummary plugin : page.plugins()) {
                found.add(new RemotePlugin(plugin.id(), plugin.name(), plugin.currentVersion().orElse(""),
                        plugin.description(), plugin.author().orElse(""), plugin.tags(), plugin.downloads(),
                        plugin.rating(), registry));
            }
        }
        return found;
    }
}
