package dev.plughub.host.admin;

import dev.plughub.host.PluginHost;
import java.util.Objects;

/**
 * The host the admin routes manage, which may arrive after the routes are mounted: {@code plughub
 * serve} mounts them on the registry's server before it starts, and starts the host once the
 * registry it installs from is listening. Until then the routes answer 503.
 */
public final class HostReference {

    private volatile PluginHost host;

    private HostReference(PluginHost host) {
        this.host = host;
    }

    public static HostReference of(PluginHost host) {
        return new HostReference(Objects.requireNonNull(host, "host"));
    }

    public static HostReference pending() {
        return new HostReference(null);
    }

    public void set(PluginHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    PluginHost get() {
        PluginHost current = host;
        if (current == null) {
            throw AdminException.unavailable("The plugin host is still starting; try again in a moment");
        }
        return current;
    }
}
