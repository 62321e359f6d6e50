package dev.plughub.registry.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * A fixed-window counter per client key, in this node's memory (one node, or SQLite). The time comes
 * from a {@link Clock}, so tests can prove a limit and its reset without sleeping. Keys live in a
 * bounded cache; a key that is evicted early merely starts a fresh window.
 */
public final class FixedWindowLimiter implements WindowLimiter {

    private static final class Counter {
        long start;
        int used;
    }

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Cache<String, Counter> windows;

    public FixedWindowLimiter(int limit, Duration window, Clock clock) {
        if (limit <= 0) {
            throw new IllegalArgumentException("a limiter needs a positive limit");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        // Bounded (~15 MB) so a flood of distinct addresses cannot exhaust the server's small heap.
        this.windows = Caffeine.newBuilder().maximumSize(150_000).expireAfterAccess(window.plus(window)).build();   // plus: multipliedBy goes through BigDecimal, slow at start-up
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public Decision acquire(String key) {
        Window window = Window.at(clock.millis(), windowMillis);
        Counter c = windows.get(key, k -> new Counter());
        synchronized (c) {
            if (c.start != window.start()) {
                c.start = window.start();
                c.used = 0;
            }
            if (c.used >= limit) {
                return Decision.of(limit, limit + 1, window);
            }
            c.used++;
            return Decision.of(limit, c.used, window);
        }
    }
}
