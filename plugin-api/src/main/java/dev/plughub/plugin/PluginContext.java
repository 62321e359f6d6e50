package dev.plughub.plugin;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything a plugin sees of its host. One per plugin instance; safe to use from any thread. */
public interface PluginContext {

    /** The plugin's id from its manifest. */
    String pluginId();

    /** The installed version. */
    String version();

    /**
     * The current configuration: validated against the manifest's schema, defaults applied, secrets
     * in clear (the plugin needs them; only the admin API masks them). A JSON object.
     */
    Map<String, Object> config();

    /** A logger whose records land in the plugin's own log buffer (and the host's log). */
    System.Logger logger();

    PluginMetrics metrics();

    Events events();

    Messages messages();

    /** A directory only this plugin writes to; kept across updates and restarts. */
    Path dataDirectory();

    /** The scopes the operator granted this plugin (the manifest's request, intersected with policy). */
    Set<String> grantedScopes();

    /**
     * A host service by its interface, as a guarded view: each call to a method marked
     * {@link RequiresScope} is refused with {@link ScopeDeniedException} (and logged) unless the
     * scope is granted at the time of the call. Empty when the host offers no such service.
     */
    <T> Optional<T> service(Class<T> type);
}
