package dev.plughub.registry.catalog;

import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.catalog.CatalogStore.VersionRow;
import dev.plughub.registry.catalog.CatalogViews.PathAnswer;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.Map;

/**
 * Seed 000's {@code GET /api/v1/plugins/{id}/path}: where the current version's files lie on the
 * registry's disk, extracted on first request.
 */
public final class PathRoutes {

    private final CatalogService catalog;
    private final ExtractedPackages extracted;

    public PathRoutes(CatalogService catalog, ExtractedPackages extracted) {
        this.catalog = catalog;
        this.extracted = extracted;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/plugins/{id}/path", this::path);
    }

    private void path(Context ctx) {
        String id = ctx.pathParam("id");
        PluginRow plugin;
        try {
            plugin = catalog.requirePlugin(id);
        } catch (ApiException e) {
            throw notFound();
        }
        VersionRow version = catalog.defaultVersion(plugin).orElseThrow(PathRoutes::notFound);
        Path dir = extracted.extract(plugin.pluginId(), version);
        ctx.json(new PathAnswer(true, plugin.pluginId(), version.version(), dir.toAbsolutePath().toString(), true));
    }

    /** Seed 000's client reads {@code exists}: say it in the error too. */
    private static ApiException notFound() {
        return new ApiException(ErrorCode.PLUGIN_NOT_FOUND, CatalogService.PLUGIN_NOT_FOUND, Map.of("exists", false));
    }
}
