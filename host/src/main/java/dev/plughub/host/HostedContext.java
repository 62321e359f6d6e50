package dev.plughub.host;

import dev.plughub.host.config.ConfigCheck;
import dev.plughub.host.config.ConfigSchema;
import dev.plughub.host.config.PluginConfigs;
import dev.plughub.host.events.EventBus;
import dev.plughub.host.lifecycle.PluginRunner;
import dev.plughub.host.messages.MessageRouter;
import dev.plughub.host.observability.CallMetrics;
import dev.plughub.host.observability.LogBuffer;
import dev.plughub.host.scopes.GuardedServices;
import dev.plughub.host.scopes.ScopeGrants;
import dev.plughub.plugin.Events;
import dev.plughub.plugin.Messages;
import dev.plughub.plugin.PluginMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link dev.plughub.plugin.PluginContext} of one running plugin: a window on the host's
 * shared components, each narrowed to this plugin (its config, its log, its metrics, its events
 * namespace, its granted scopes). Closing it ends the plugin's subscriptions.
 */
final class HostedContext implements PluginRunner.ContextHandle {

    /** The host's shared components a context draws on. */
    record Parts(PluginConfigs configs, LogBuffer logs, CallMetrics metrics, EventBus events, MessageRouter messages,
                 ScopeGrants grants, GuardedServices services, Path dataRoot) {
    }

    private final String pluginId;
    private final String version;
    private final ConfigSchema schema;
    private final Parts parts;
    private final System.Logger logger;
    private final Events events;
    private final Messages messages;

    HostedContext(String pluginId, String version, ConfigSchema schema, Parts parts) {
        this.pluginId = pluginId;
        this.version = version;
        this.schema = schema;
        this.parts = parts;
        this.logger = parts.logs().loggerFor(pluginId);
        this.events = parts.events().forPlugin(pluginId, parts.grants());
        this.messages = parts.messages().forPlugin(pluginId);
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Map<String, Object> config() {
        // Read on each call so a change that needs no restart reaches the plugin at once.
        return switch (parts.configs().inForce(pluginId, schema)) {
            case ConfigCheck.Valid valid -> valid.withDefaults();
            case ConfigCheck.Invalid invalid -> Map.of();
        };
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public PluginMetrics metrics() {
        return parts.metrics().forPlugin(pluginId);
    }

    @Override
    public Events events() {
        return events;
    }

    @Override
    public Messages messages() {
        return messages;
    }

    @Override
    public Path dataDirectory() {
        Path dir = parts.dataRoot().resolve(pluginId);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Set<String> grantedScopes() {
        return parts.grants().granted(pluginId);
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return parts.services().view(pluginId, type);
    }

    @Override
    public void close() {
        parts.events().unsubscribeAll(pluginId);
    }
}
