package dev.plughub.host.messages;

import java.util.List;
import java.util.Optional;

/** The plugins messages can reach; the runtime answers from its live plugin table. */
public interface Recipients {

    /** The plugin, when it is installed and active; empty otherwise. */
    Optional<Recipient> find(String pluginId);

    /** Ids of the active plugins, for broadcasts. */
    List<String> activeIds();
}
