package dev.plughub.host.search;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A plugin a registry search found, with what the registry's list knows of it.
 *
 * @param version      the current version, {@code ""} when the registry shows none
 * @param author       {@code ""} when the registry knows none
 * @param lastUpdated  when the plugin's registry entry last changed (a publish, an edit)
 * @param hostVersion  the host version range the current version asks for ({@code ">=1.0.0"})
 * @param registry     the registry it was found in
 */
public record FoundPlugin(String id, String name, String version, String description, String author,
                          Optional<String> category, List<String> tags, double rating, long downloads,
                          Optional<Instant> lastUpdated, Optional<String> hostVersion, URI registry) {

    public FoundPlugin {
        tags = List.copyOf(tags);
    }
}
