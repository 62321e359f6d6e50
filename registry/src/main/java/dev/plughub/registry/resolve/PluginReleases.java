package dev.plughub.registry.resolve;

import java.util.List;

/**
 * A plugin that is not deleted, with its live versions in no particular order.
 *
 * @param banned banned plugins are never offered: not as an update, not in a plan
 */
public record PluginReleases(String pluginId, boolean banned, List<Release> releases) {

    public PluginReleases {
        releases = List.copyOf(releases);
    }
}
