package dev.plughub.registry.ratelimit;

/**
 * At most {@code limit} requests per client key in each fixed window (windows aligned to the epoch,
 * e.g. whole minutes). In memory on one node ({@link FixedWindowLimiter}); shared through PostgreSQL
 * when several nodes serve the same clients ({@link SharedWindowLimiter}).
 */
public sealed interface WindowLimiter permits FixedWindowLimiter, SharedWindowLimiter {

    /** The outcome of one request: allowed or not, what is left, and seconds until the window resets. */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {

        /** The decision for the {@code used}-th request of a window (counting this one). */
        static Decision of(int limit, int used, Window window) {
            return new Decision(used <= limit, limit, Math.max(0, limit - used), window.resetSeconds());
        }
    }

    /** The window a moment falls in: where it starts, and the seconds left until the next one (at least 1). */
    record Window(long start, long end, long resetSeconds) {

        static Window at(long nowMillis, long windowMillis) {
            long start = Math.floorDiv(nowMillis, windowMillis) * windowMillis;
            long end = start + windowMillis;
            return new Window(start, end, Math.max(1, (end - nowMillis + 999) / 1000));
        }
    }

    int limit();

    /** Counts one request of this key and says whether it is allowed. */
    Decision acquire(String key);
}
