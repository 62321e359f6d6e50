package dev.plughub.registry.badges;

import dev.plughub.registry.catalog.CatalogService;
import dev.plughub.registry.http.Envelope;
import io.javalin.config.RoutesConfig;

/** {@code GET /api/v1/plugins/{id}/badges}: admin-set and computed badges, with when and why. */
public final class BadgeRoutes {

    private final BadgeService badges;
    private final CatalogService catalog;

    public BadgeRoutes(BadgeService badges, CatalogService catalog) {
        this.badges = badges;
        this.catalog = catalog;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/plugins/{id}/badges", ctx -> ctx.json(Envelope.of(badges.list(catalog, ctx.pathParam("id")))));
    }
}
