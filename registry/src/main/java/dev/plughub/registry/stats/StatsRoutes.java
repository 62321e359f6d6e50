package dev.plughub.registry.stats;

import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.RawJson;
import io.javalin.config.RoutesConfig;
import java.util.Optional;

/** Public statistics: per plugin, a plugin's daily download series, and the registry's totals. */
public final class StatsRoutes {

    private final StatsService stats;

    public StatsRoutes(StatsService stats) {
        this.stats = stats;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/plugins/{id}/stats", ctx -> RawJson.write(ctx, stats.pluginStatsJson(ctx.pathParam("id"))));
        routes.get("/api/v1/plugins/{id}/stats/downloads", ctx -> ctx.json(Envelope.of(
                stats.series(ctx.pathParam("id"), Optional.ofNullable(ctx.queryParam("days"))))));
        routes.get("/api/v1/stats", ctx -> RawJson.write(ctx, stats.totalsJson()));
    }
}
