package dev.plughub.registry.downloads;

import dev.plughub.registry.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts downloads in memory and writes them in batches, so a download never waits for the database:
 * every {@code interval} and on {@link #close()}, one transaction adds the counts to
 * {@code plugin_versions.downloads}, {@code plugins.downloads} and {@code download_daily}. Rows are
 * updated in key order, so two nodes flushing at once cannot deadlock (NOTES-DATA §6). A failed flush
 * puts its counts back for the next one; counts still in memory when the process is killed are lost.
 */
public final class DownloadCounter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DownloadCounter.class);
    private static final long HOUR_MILLIS = 3_600_000L;

    private final Database db;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final boolean enabled;
    /**
     * When each "versionPk|clientKey" was last counted (epoch millis). A plain map rather than a
     * cache: every download of a busy client reads the same key, and a cache's per-read bookkeeping
     * cost 10-20 % of download throughput; expired keys are swept by the flusher instead.
     */
    private final ConcurrentHashMap<String, Long> recent = new ConcurrentHashMap<>();

    /** The same client downloading the same version counts once per this window. */
    public static final Duration DEDUP_WINDOW = Duration.ofHours(1);
    /** Bounded so a flood of distinct clients costs at most ~20 MB (the server's heap is small); past it, a repeat may count twice. */
    private static final long DEDUP_KEYS = 150_000;

    /** One version's downloads on one UTC day. */
    record Key(long pluginPk, long versionPk, long epochHour) {
        static final Comparator<Key> ORDER = Comparator.comparingLong(Key::versionPk).thenComparingLong(Key::epochHour);
    }

    public DownloadCounter(Database db, Clock clock, Duration interval) {
        this(db, clock, interval, true);
    }

    /** @param enabled false turns counting off entirely (the operator's PLUGHUB_COUNT_DOWNLOADS) */
    public DownloadCounter(Database db, Clock clock, Duration interval, boolean enabled) {
        this.db = db;
        this.clock = clock;
        this.enabled = enabled;
        this.flusher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("download-counter").factory());
        flusher.scheduleWithFixedDelay(this::flushQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One more download of this version by this client ({@code ClientKey}), counted only when the
     * same client has not downloaded the same version within the last hour (memory only; see
     * docs/marketplace.md). Does nothing when counting is off.
     */
    public void record(ServedVersion version, String clientKey) {
        if (!enabled) {
            return;
        }
        String key = version.versionPk() + "|" + clientKey;
        long now = clock.millis();
        long window = DEDUP_WINDOW.toMillis();
        Long counted = recent.get(key);   // lock-free: the usual answer for a repeat
        if (counted != null && now - counted < window) {
            return;
        }
        boolean[] fresh = {false};
        recent.compute(key, (k, previous) -> {   // atomic: of concurrent first downloads, one counts
            if (previous == null || now - previous >= window) {
                fresh[0] = true;
                return now;
            }
            return previous;
        });
        if (!fresh[0]) {
            return;
        }
        record(version);
    }

    /** True when downloads are counted (PLUGHUB_COUNT_DOWNLOADS). */
    public boolean enabled() {
        return enabled;
    }

    /** One more download of this version (memory only), without de-duplication. */
    public void record(ServedVersion version) {
        long hour = Math.floorDiv(clock.millis(), HOUR_MILLIS);
        pending.merge(new Key(version.pluginPk(), version.versionPk(), hour), 1L, Long::sum);
    }

    /** Downloads counted but not yet written. */
    public long pending() {
        return pending.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Writes everything counted so far in one transaction; on failure the counts stay pending. */
    public synchronized void flush() {
        Map<Key, Long> batch = new TreeMap<>(Key.ORDER);
        for (Key key : pending.keySet()) {
            Long n = pending.remove(key);   // atomic against record(): a later merge starts a new entry
            if (n != null) {
                batch.put(key, n);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            write(batch);
        } catch (RuntimeException e) {
            batch.forEach((key, n) -> pending.merge(key, n, Long::sum));
            throw e;
        }
    }

    private void write(Map<Key, Long> batch) {
        Map<Long, Long> perVersion = new TreeMap<>();
        Map<Long, Long> perPlugin = new TreeMap<>();
        batch.forEach((key, n) -> {
            perVersion.merge(key.versionPk(), n, Long::sum);
            perPlugin.merge(key.pluginPk(), n, Long::sum);
        });
        db.write().useTransaction(h -> {
            PreparedBatch versions = h.prepareBatch("UPDATE plugin_versions SET downloads = downloads + :n WHERE id = :id");
            perVersion.forEach((id, n) -> versions.bind("id", id).bind("n", n).add());
            versions.execute();
            PreparedBatch plugins = h.prepareBatch("UPDATE plugins SET downloads = downloads + :n WHERE id = :id");
            perPlugin.forEach((id, n) -> plugins.bind("id", id).bind("n", n).add());
            plugins.execute();
            PreparedBatch daily = h.prepareBatch("""
                    INSERT INTO download_daily (version_pk, day, n)
                    SELECT :id, :day, :n WHERE EXISTS (SELECT 1 FROM plugin_versions WHERE id = :id)
                    ON CONFLICT (version_pk, day) DO UPDATE SET n = download_daily.n + excluded.n""");
            batch.forEach((key, n) -> daily.bind("id", key.versionPk())
                    .bind("day", LocalDate.ofEpochDay(Math.floorDiv(key.epochHour(), 24)).toString()).bind("n", n).add());
            daily.execute();
            PreparedBatch hourly = h.prepareBatch("""
                    INSERT INTO download_hourly (version_pk, hour, n)
                    SELECT :id, :hour, :n WHERE EXISTS (SELECT 1 FROM plugin_versions WHERE id = :id)
                    ON CONFLICT (version_pk, hour) DO UPDATE SET n = download_hourly.n + excluded.n""");
            batch.forEach((key, n) -> hourly.bind("id", key.versionPk()).bind("hour", key.epochHour()).bind("n", n).add());
            hourly.execute();
            // The hourly rows only serve the last 24 hours; two days are kept, the rest is in download_daily.
            h.createUpdate("DELETE FROM download_hourly WHERE hour < :cutoff")
                    .bind("cutoff", Math.floorDiv(clock.millis(), HOUR_MILLIS) - 48).execute();
        });
    }

    /**
     * Forgets the clients whose hour has passed; past {@link #DEDUP_KEYS} (a flood of distinct
     * clients) it forgets them all, so memory stays bounded and a repeat may count twice.
     */
    private void forgetExpiredClients() {
        long now = clock.millis();
        long window = DEDUP_WINDOW.toMillis();
        recent.values().removeIf(counted -> now - counted >= window);
        if (recent.size() > DEDUP_KEYS) {
            recent.clear();
        }
    }

    private void flushQuietly() {
        try {
            forgetExpiredClients();
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not write download counts ({} pending); will retry", pending(), e);
        }
    }

    /** Stops the timer and writes what is left. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("Lost {} download counts at shutdown: the database refused them", pending(), e);
        }
    }
}
