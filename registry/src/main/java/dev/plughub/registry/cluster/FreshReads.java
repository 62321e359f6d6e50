package dev.plughub.registry.cluster;

import dev.plughub.registry.http.BeforeRule;
import dev.plughub.registry.http.PluginRead;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;

/**
 * Makes a write on any node visible on this one as soon as that write's call has returned: before
 * each request this node reads the change stamp ({@link ChangeStamps}, one shared query per
 * round trip, never a write) and, when it moved since the node last looked, drops every local cache
 * of catalogue data before the request reads any of them. Registered only when the database is
 * PostgreSQL; a SQLite node is alone and its own writes already invalidate its caches.
 */
public final class FreshReads implements BeforeRule {

    /**
     * Routes that read no cache: the health check must answer (and say the database is down) even
     * when the stamp cannot be read.
     */
    private static final Set<String> UNCACHED = Set.of("/api/v1/health", "/health");

    private final ChangeStamps stamps;
    private final List<Runnable> invalidations;
    private volatile long seen = Long.MIN_VALUE;

    /** @param invalidations each drops one local cache (catalogue answers, download look-ups, badges…) */
    public FreshReads(ChangeStamps stamps, List<Runnable> invalidations) {
        this.stamps = stamps;
        this.invalidations = List.copyOf(invalidations);
    }

    /** Before every request, not only the API's: the PF4J repository and the docs read the same caches. */
    @Override
    public void register(RoutesConfig routes) {
        routes.before(this::check);
    }

    /**
     * Catches up, as before any request, and then has nothing more to do. When the stamp cannot be
     * read this throws, and the request takes the full way, where the same failure is answered.
     */
    @Override
    public boolean leavesAlone(PluginRead read, HttpFields headers) {
        catchUp();
        return true;
    }

    /** The stamp is in the shared database: reads on the selector thread would wait for it. */
    @Override
    public boolean decidesInMemory() {
        return false;
    }

    void check(Context ctx) {
        if (!UNCACHED.contains(ctx.path())) {
            catchUp();
        }
    }

    /** Drops the caches if the stamp moved; returns once every read after it sees what the stamp covers. */
    public void catchUp() {
        long stamp = stamps.current();
        if (stamp <= seen) {
            return;
        }
        synchronized (this) {
            // 'seen' moves only after the caches are dropped, so a request that finds it current may read them.
            if (stamp > seen) {
                invalidations.forEach(Runnable::run);
                seen = stamp;
            }
        }
    }
}
