package dev.plughub.registry;

import io.javalin.config.RoutesConfig;

/**
 * Routes that the process embedding the registry mounts beside the registry's own (the CLI's
 * {@code plughub serve} mounts the plugin host's {@code /system/plugins} API this way). The registry
 * knows nothing of what they serve; it only gives them its server, its error envelope and its
 * JSON settings.
 */
@FunctionalInterface
public interface RouteExtension {

    void register(RoutesConfig routes);
}
