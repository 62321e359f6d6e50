package dev.plughub.registry.storage;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node can reach its package store, decided by what the store's calls do, like
 * {@link DatabaseOutage} for the database. A call that cannot reach the store fails with
 * {@link Unreachable} (answered 503 {@code STORAGE_UNAVAILABLE}); the first such failure opens an
 * outage and is logged once, the first call that succeeds afterwards closes it and is logged once.
 */
public final class BlobStoreOutage {

    /** What clients are told to wait (Retry-After) while the store is unreachable. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(BlobStoreOutage.class);

    private final String store;
    private final Clock clock;
    /** When the outage began; null while the store answers. */
    private final AtomicReference<Instant> since = new AtomicReference<>();

    public BlobStoreOutage(String store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A call that could not reach the store: a failure of the store, not of the request. */
    public static final class Unreachable extends IOException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether {@code failure}, or anything it wraps, is a store that could not be reached. */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Unreachable) {
                return true;
            }
        }
        return false;
    }

    /** Notes a call that could not reach the store and returns the failure to throw. */
    Unreachable failed(String what, String reason, Throwable cause) {
        if (since.compareAndSet(null, clock.instant())) {
            log.warn("The blob store {} is unreachable; answering 503 STORAGE_UNAVAILABLE until it is back ({})",
                    store, reason);
        }
        return new Unreachable("cannot " + what + " " + store + ": " + reason, cause);
    }

    /** Notes a call the store answered; closes an open outage (and logs it). */
    void answered() {
        Instant began = since.get();
        if (began != null && since.compareAndSet(began, null)) {
            log.info("The blob store {} is reachable again after {} s", store,
                    Duration.between(began, clock.instant()).toSeconds());
        }
    }
}
