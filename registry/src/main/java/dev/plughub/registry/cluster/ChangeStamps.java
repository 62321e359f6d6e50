package dev.plughub.registry.cluster;

import dev.plughub.registry.storage.Database;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the catalogue's change stamp, which every committed write to cached tables bumps
 * (postgresql/V11__cluster.sql), with concurrent readers sharing queries: a caller joins the next
 * query that <em>starts after it arrived</em>, so the answer covers every change committed before
 * the call, while the database sees at most one stamp query in flight per node however many
 * requests wait. Under load a request waits for at most about two round trips.
 */
public final class ChangeStamps {

    private final Database db;
    private final Object lock = new Object();
    /** The query that starts once the one in flight has finished; callers arriving now join it. */
    private CompletableFuture<Long> next;
    private boolean querying;

    public ChangeStamps(Database db) {
        this.db = db;
    }

    /** A stamp at least as new as every change committed before this call began. */
    public long current() {
        CompletableFuture<Long> mine;
        boolean run = false;
        synchronized (lock) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            mine = next;
            if (!querying) {
                querying = true;
                next = null;
                run = true;
            }
        }
        if (run) {
            query(mine);
        }
        try {
            return mine.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Runs one query for its waiters, then hands the next batch (if any) to a fresh thread. */
    private void query(CompletableFuture<Long> batch) {
        try {
            batch.complete(db.read().withHandle(h -> h
                    .createQuery("SELECT stamp FROM change_stamps WHERE scope = 'catalog'")
                    .mapTo(Long.class).one()));
        } catch (RuntimeException e) {
            batch.completeExceptionally(e);
        }
        CompletableFuture<Long> following;
        synchronized (lock) {
            following = next;
            next = null;
            querying = following != null;
        }
        if (following != null) {
            Thread.ofVirtual().name("change-stamp").start(() -> query(following));
        }
    }
}
