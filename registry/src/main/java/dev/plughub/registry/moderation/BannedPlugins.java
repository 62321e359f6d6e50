package dev.plughub.registry.moderation;

import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.catalog.CatalogService;
import dev.plughub.registry.catalog.CatalogStore;
import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.storage.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Seed 001: a banned plugin is "listed for owners and admins only". Lists apply that in their query
 * ({@link CatalogStore}); this applies it to everything else a reader can ask about one plugin
 * (detail, versions, statistics, badges, ratings, reviews, owners, path): for anyone but its owners
 * and admins a banned plugin answers 404 {@code PLUGIN_NOT_FOUND}, as if it did not exist. Its
 * downloads are refused for everyone with 403 {@code PLUGIN_BANNED} (downloads/VersionLookup).
 *
 * <p>Checked before those routes, so their cached answers need not know who asks. The ids of banned
 * plugins (few) are kept in memory, reloaded after a status change on this node, when another node's
 * change drops the caches ({@code FreshReads}), and at least every {@link #FRESHNESS}; a request for
 * a plugin that is not banned costs a set look-up.
 */
public final class BannedPlugins {

    /** The GET routes about one plugin that a banned plugin hides. */
    static final List<String> READS = List.of(
            "/api/v1/plugins/{id}", "/api/v1/plugins/{id}/versions", "/api/v1/plugins/{id}/versions/{version}",
            "/api/v1/plugins/{id}/stats", "/api/v1/plugins/{id}/stats/downloads", "/api/v1/plugins/{id}/badges",
            "/api/v1/plugins/{id}/ratings", "/api/v1/plugins/{id}/reviews", "/api/v1/plugins/{id}/owners",
            "/api/v1/plugins/{id}/path");
    static final Duration FRESHNESS = Duration.ofSeconds(1);

    private record Snapshot(Set<String> ids, long loadedAt) {
    }

    private final Database db;
    private final CatalogStore catalog;
    private final Authenticator authenticator;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public BannedPlugins(Database db, CatalogStore catalog, Authenticator authenticator, Clock clock) {
        this.db = db;
        this.catalog = catalog;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        READS.forEach(path -> routes.before(path, this::check));
    }

    /** Forgets the ids, so the next request reads them again (a status changed). */
    public void invalidate() {
        snapshot = null;
    }

    private void check(Context ctx) {
        String method = ctx.req().getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return;
        }
        String pluginId = ctx.pathParam("id");
        if (!bannedIds().contains(pluginId)) {
            return;
        }
        Optional<Principal> viewer = authenticator.authenticate(ctx);
        if (viewer.isPresent() && viewer.get().isAdmin()) {
            return;
        }
        Optional<PluginRow> plugin = catalog.findPlugin(pluginId);
        if (plugin.isEmpty() || !"banned".equals(plugin.get().status())) {
            return;   // unbanned or deleted since the ids were read: the route answers for itself
        }
        if (viewer.isPresent() && catalog.ownerIds(plugin.get().pk()).contains(viewer.get().userId())) {
            return;
        }
        throw new ApiException(ErrorCode.PLUGIN_NOT_FOUND, CatalogService.PLUGIN_NOT_FOUND);
    }

    private Set<String> bannedIds() {
        Snapshot s = snapshot;
        long now = clock.millis();
        if (s == null || now - s.loadedAt() >= FRESHNESS.toMillis()) {
            Set<String> ids = Set.copyOf(db.read().withHandle(h -> h.createQuery(
                            "SELECT plugin_id FROM plugins WHERE status = 'banned' AND deleted_at IS NULL")
                    .mapTo(String.class).list()));
            s = new Snapshot(ids, now);
            snapshot = s;
        }
        return s.ids();
    }
}
