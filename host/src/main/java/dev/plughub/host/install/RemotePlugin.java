package dev.plughub.host.install;

import java.net.URI;
import java.util.List;

/** A plugin found in a registry by {@code search}. */
public record RemotePlugin(String id, String name, String version, String description, String author,
                           List<String> tags, long downloads, double rating, URI registry) {

    public RemotePlugin {
        tags = List.copyOf(tags);
    }
}
