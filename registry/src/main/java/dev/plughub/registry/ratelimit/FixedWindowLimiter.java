package dev.plughub.registry.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * A fixed-window counter per client key: at most {@code limit} requests in each window (windows are
 * aligned to the epoch, e.g. whole minutes). The time comes from a {@link Clock}, so tests can prove
 * a limit and its reset without sleeping. Keys live in a bounded cache; a key that is evicted early
 * merely starts a fresh window.
 */
public final class FixedWindowLimiter {

    /** The outcome of one request: allowed or not, what is left, and seconds until the window resets. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private static final class Window {
        long start;
        int used;
    }

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Cache<String, Window> windows;

    public FixedWindowLimiter(int limit, Duration window, Clock clock) {
        if (limit <= 0) {
            throw new IllegalArgumentException("a limiter needs a positive limit");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        // Bounded (~15 MB) so a flood of distinct addresses cannot exhaust the server's small heap.
        this.windows = Caffeine.newBuilder().maximumSize(150_000).expireAfterAccess(window.multipliedBy(2)).build();
    }

    public int limit() {
        return limit;
    }

    /** Counts one request of this key and says whether it is allowed. */
    public Decision acquire(String key) {
        long now = clock.millis();
        long start = Math.floorDiv(now, windowMillis) * windowMillis;
        long resetSeconds = Math.max(1, (start + windowMillis - now + 999) / 1000);
        Window w = windows.get(key, k -> new Window());
        synchronized (w) {
            if (w.start != start) {
                w.start = start;
                w.used = 0;
            }
            if (w.used >= limit) {
                return new Decision(false, limit, 0, resetSeconds);
            }
            w.used++;
            return new Decision(true, limit, limit - w.used, resetSeconds);
        }
    }
}
