package dev.plughub.host.search;

import java.util.List;

/**
 * One page of a search across the host's registries.
 *
 * @param plugins the asked page, the first registries' plugins first
 * @param total   every match across the registries, not only this page
 * @param hasNext whether a later page holds more
 */
public record SearchResults(List<FoundPlugin> plugins, long total, boolean hasNext) {

    public SearchResults {
        plugins = List.copyOf(plugins);
    }
}
