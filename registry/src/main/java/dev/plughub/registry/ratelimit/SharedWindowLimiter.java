package dev.plughub.registry.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.DatabaseOutage;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed-window counter per client key kept in PostgreSQL ({@code rate_windows}), so every node
 * counts against the same number: one atomic upsert per request adds one and returns the new count,
 * and a client refused by one node is refused by all. Each client has its own row, so nodes contend
 * only on clients they share, never on one global row.
 *
 * <p>A client this node has already refused in the current window is refused again without asking
 * the database (its count can only grow until the window ends), so a client hammering past its limit
 * costs the database nothing more. Expired windows are deleted about once a minute per node.
 */
public final class SharedWindowLimiter implements WindowLimiter {

    private static final Logger log = LoggerFactory.getLogger(SharedWindowLimiter.class);
    private static final long PURGE_EVERY_MILLIS = 60_000;

    private final Database db;
    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    /** Client key → the start of the window in which this node saw it refused. */
    private final Cache<String, Long> refused;
    private final AtomicLong lastPurge = new AtomicLong();

    public SharedWindowLimiter(Database db, int limit, Duration window, Clock clock) {
        if (limit <= 0) {
            throw new IllegalArgumentException("a limiter needs a positive limit");
        }
        this.db = db;
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.refused = Caffeine.newBuilder().maximumSize(150_000).expireAfterWrite(window).build();
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public Decision acquire(String key) {
        long now = clock.millis();
        Window window = Window.at(now, windowMillis);
        Long refusedIn = refused.getIfPresent(key);
        if (refusedIn != null && refusedIn == window.start()) {
            return Decision.of(limit, limit + 1, window);
        }
        purgeExpired(now);
        int used;
        try {
            used = db.write().withHandle(h -> h.createQuery("""
                            INSERT INTO rate_windows (client, window_start, window_end, used)
                            VALUES (:client, :start, :end, 1)
                            ON CONFLICT (client, window_start) DO UPDATE SET used = rate_windows.used + 1
                            RETURNING used""")
                    .bind("client", key).bind("start", window.start()).bind("end", window.end())
                    .mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            // Fail open: refusing every client because the limiter's table is unreachable would turn a
            // database hiccup into an outage of the reads the caches could still answer.
            if (!DatabaseOutage.isConnectionFailure(e)) {   // an outage is logged once, by DatabaseOutage
                log.warn("Rate limit not checked for {}: the database refused the count ({})", key, e.toString());
            }
            return Decision.of(limit, 1, window);
        }
        Decision decision = Decision.of(limit, used, window);
        if (!decision.allowed()) {
            refused.put(key, window.start());
        }
        return decision;
    }

    private void purgeExpired(long now) {
        long last = lastPurge.get();
        if (now - last < PURGE_EVERY_MILLIS || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        try {
            db.write().useHandle(h -> h.createUpdate("DELETE FROM rate_windows WHERE window_end <= :now")
                    .bind("now", now).execute());
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isConnectionFailure(e)) {
                log.warn("Could not delete expired rate-limit windows; will retry", e);
            }
        }
    }
}
