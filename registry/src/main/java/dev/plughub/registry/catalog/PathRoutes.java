package dev.plughub.registry.catalog;

import dev.plughub.core.PackageException;
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
 * Seed 000's {@code GET /api/v1/plugins/{id}/path}: where the current version's files (or those of
 * the version {@code ?version=} names) lie on the registry's disk, extracted on first request. A package stored before a rule it breaks was
 * enforced (a file name too long for the disk, say) cannot be extracted: that is a 409 naming the
 * rule, never a failure of the server.
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
        String asked = ctx.queryParam("version");
        VersionRow version = asked == null || asked.isBlank() || asked.strip().equals("latest")
                ? catalog.defaultVersion(plugin, Map.of("exists", false))
                : catalog.namedVersion(plugin, asked.strip(), Map.of("exists", false));
        Path dir;
        try {
            dir = extracted.extract(plugin.pluginId(), version);
        } catch (PackageException e) {
            throw notExtractable(plugin.pluginId(), version.version(), e);
        }
        ctx.json(new PathAnswer(true, plugin.pluginId(), version.version(), dir.toAbsolutePath().toString(), true));
    }

    private static ApiException notExtractable(String pluginId, String version, PackageException e) {
        return new ApiException(ErrorCode.CONFLICT, "The stored package of " + pluginId + " " + version
                + " cannot be extracted: it breaks rule " + e.rule() + " (" + e.getMessage() + "), which this registry"
                + " enforces on packages published now; download it with GET /api/v1/plugins/" + pluginId
                + "/download?version=" + version + " instead",
                Map.of("plugin_id", pluginId, "version", version, "rule", e.rule()));
    }

    /** Seed 000's client reads {@code exists}: say it in the error too. */
    private static ApiException notFound() {
        return new ApiException(ErrorCode.PLUGIN_NOT_FOUND, CatalogService.PLUGIN_NOT_FOUND, Map.of("exists", false));
    }
}
