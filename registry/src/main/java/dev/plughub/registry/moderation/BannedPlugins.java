package dev.plughub.registry.moderation;

import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.catalog.CatalogService;
import dev.plughub.registry.catalog.CatalogStore;
import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.BeforeRule;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.http.PluginRead;
import dev.plughub.registry.storage.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;

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
public final class BannedPlugins implements BeforeRule {

    private static final String PLUGINS = "/api/v1/plugins/";
    /**
     * What may follow {@code /api/v1/plugins/{id}} in a read that a ban hides: the detail itself,
     * versions (and one version), statistics (and the daily series), badges, ratings, reviews,
     * owners, path. Downloads are not here: they answer 403 themselves.
     */
    static final Set<String> HIDDEN_READS = Set.of("", "versions", "stats", "badges", "ratings", "reviews", "owners", "path");
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

    /**
     * One handler for every such read, registered for all paths: Javalin tests a before-handler's
     * path with a regular expression on every request unless the path is {@code *}, and
     * {@link #hiddenRead} tells the plugin reads apart with a prefix test instead.
     */
    @Override
    public void register(RoutesConfig routes) {
        routes.before(this::check);
    }

    /** Only a banned plugin's reads need the check (who is asking); any other is left alone. */
    @Override
    public boolean leavesAlone(PluginRead read, HttpFields headers) {
        return !bannedIds().contains(read.pluginId());
    }

    /** Only while the banned ids read last are fresh: reading them again waits on the database. */
    @Override
    public boolean decidesInMemory() {
        Snapshot s = snapshot;
        return s != null && clock.millis() - s.loadedAt() < FRESHNESS.toMillis();
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
        Optional<String> read = hiddenRead(ctx.path());
        if (read.isEmpty() || !bannedIds().contains(read.get())) {
            return;
        }
        String pluginId = read.get();
        Optional<Principal> viewer = authenticator.authenticateIfValid(ctx);
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

    /** The plugin id of a path that is a read a ban hides ({@code /api/v1/plugins/{id}[/what[/…]]}), decoded as routes decode it. */
    static Optional<String> hiddenRead(String path) {
        if (!path.startsWith(PLUGINS)) {
            return Optional.empty();
        }
        String rest = path.substring(PLUGINS.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        String after = slash < 0 ? "" : rest.substring(slash + 1);
        int next = after.indexOf('/');
        String what = next < 0 ? after : after.substring(0, next);
        if (id.isEmpty() || !HIDDEN_READS.contains(what)) {
            return Optional.empty();
        }
        try {
            return Optional.of(URLDecoder.decode(id, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();   // not a valid escape: no route will find a plugin by it either
        }
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
