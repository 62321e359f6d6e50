package dev.plughub.host.lifecycle;

import java.util.Locale;

/** Where a plugin is in its lifecycle; only {@link Lifecycle} moves a plugin from one to another. */
public enum PluginState {
    INSTALLED, RESOLVED, STARTING, ACTIVE, STOPPING, STOPPED, DISABLED, FAILED;

    /** The lower-case name the API shows. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
