package dev.plughub.registry.http;

/**
 * A read of one plugin that a handler in front of Javalin may answer itself, when every
 * {@link BeforeRule} would leave it alone: the plugin's detail, or a download of its package.
 */
public sealed interface PluginRead {

    String pluginId();

    /** {@code GET /api/v1/plugins/{pluginId}}. */
    record Detail(String pluginId) implements PluginRead {
    }

    /** {@code GET /api/v1/plugins/{pluginId}/download}. */
    record Download(String pluginId) implements PluginRead {
    }
}
