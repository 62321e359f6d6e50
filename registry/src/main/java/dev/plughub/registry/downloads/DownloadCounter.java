package dev.plughub.registry.downloads;

import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.DatabaseOutage;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts downloads in memory and writes them in batches, so a download never waits for the database:
 * every {@code interval} and on {@link #close()}, one transaction decides which downloads count and
 * adds them to {@code plugin_versions.downloads}, {@code plugins.downloads}, {@code download_daily}
 * and {@code download_hourly}.
 *
 * <p>De-duplication (the same client and version count once per {@link #DEDUP_WINDOW}) is decided by
 * the database, so it holds across every node that shares it: the flush upserts each candidate
 * download into {@code download_clients} (V12) and counts only the rows the upsert inserted or moved
 * on by a full window ({@code RETURNING}). Memory only keeps a node from sending the same client and
 * version again within the window. Rows are written in key order, so two nodes flushing at once cannot
 * deadlock (NOTES-DATA §6). A failed flush puts its downloads back for the next one; downloads still in
 * memory when the process is killed are lost.
 */
public final class DownloadCounter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DownloadCounter.class);
    private static final long HOUR_MILLIS = 3_600_000L;
    /** Candidates per upsert statement (three parameters each: well under SQLite's limit of 32,766). */
    private static final int UPSERT_ROWS = 500;

    private final Database db;
    private final Clock clock;
    /** Downloads counted without de-duplication ({@link #record(ServedVersion)}), per version and hour. */
    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    /** Downloads the database has yet to de-duplicate. */
    private final ConcurrentLinkedQueue<Candidate> candidates = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService flusher;
    /** The last failure to write the counts, logged once until it changes or a write succeeds (flusher thread only). */
    private String lastFailure;
    private final boolean enabled;
    /**
     * When this node last sent each "versionPk|clientKey" to the database (epoch millis). A plain map
     * rather than a cache: every download of a busy client reads the same key, and a cache's per-read
     * bookkeeping cost 10-20 % of download throughput; expired keys are swept by the flusher instead.
     */
    private final ConcurrentHashMap<String, Long> recent = new ConcurrentHashMap<>();
    private volatile long lastPruneHour = Long.MIN_VALUE;

    /** The same client downloading the same version counts once per this window, on every node together. */
    public static final Duration DEDUP_WINDOW = Duration.ofHours(1);
    /** Bounded so a flood of distinct clients costs at most ~20 MB (the server's heap is small); past it, the database still de-duplicates. */
    private static final long DEDUP_KEYS = 150_000;

    /** One version's downloads in one UTC hour. */
    record Key(long pluginPk, long versionPk, long epochHour) {
        static final Comparator<Key> ORDER = Comparator.comparingLong(Key::versionPk).thenComparingLong(Key::epochHour);
    }

    /** A download the database decides on: counted unless the same client had this version counted within the window. */
    record Candidate(long pluginPk, long versionPk, String client, long at) {
        static final Comparator<Candidate> ORDER = Comparator.comparingLong(Candidate::versionPk)
                .thenComparing(Candidate::client).thenComparingLong(Candidate::at);

        Key key() {
            return new Key(pluginPk, versionPk, Math.floorDiv(at, HOUR_MILLIS));
        }
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
     * One more download of this version by this client ({@code ClientKey}), counted at the next flush
     * unless the same client had the same version counted within the last hour by any node (see
     * docs/marketplace.md). Memory only. Does nothing when counting is off.
     */
    public void record(ServedVersion version, String clientKey) {
        if (!enabled) {
            return;
        }
        String key = version.versionPk() + "|" + clientKey;
        long now = clock.millis();
        long window = DEDUP_WINDOW.toMillis();
        Long sent = recent.get(key);   // lock-free: the usual answer for a repeat
        if (sent != null && now - sent < window) {
            return;
        }
        boolean[] fresh = {false};
        recent.compute(key, (k, previous) -> {   // atomic: of concurrent first downloads, one is sent
            if (previous == null || now - previous >= window) {
                fresh[0] = true;
                return now;
            }
            return previous;
        });
        if (fresh[0]) {
            candidates.add(new Candidate(version.pluginPk(), version.versionPk(), clientKey, now));
        }
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

    /** Downloads recorded but not yet written (those awaiting de-duplication included). */
    public long pending() {
        return pending.values().stream().mapToLong(Long::longValue).sum() + candidates.size();
    }

    /** Writes everything recorded so far in one transaction; on failure it all stays pending. */
    public synchronized void flush() {
        Map<Key, Long> batch = new TreeMap<>(Key.ORDER);
        for (Key key : pending.keySet()) {
            Long n = pending.remove(key);   // atomic against record(): a later merge starts a new entry
            if (n != null) {
                batch.put(key, n);
            }
        }
        List<Candidate> drained = new ArrayList<>();
        for (Candidate c = candidates.poll(); c != null; c = candidates.poll()) {
            drained.add(c);
        }
        if (batch.isEmpty() && drained.isEmpty()) {
            return;
        }
        try {
            db.write().useTransaction(h -> {
                Map<Key, Long> counts = new TreeMap<>(Key.ORDER);
                counts.putAll(batch);
                for (Candidate counted : deduplicate(h, drained)) {
                    counts.merge(counted.key(), 1L, Long::sum);
                }
                write(h, counts);
            });
        } catch (RuntimeException e) {
            // The transaction's de-duplication rows were rolled back too: the candidates are decided again.
            batch.forEach((key, n) -> pending.merge(key, n, Long::sum));
            candidates.addAll(drained);
            throw e;
        }
    }

    /**
     * The candidates that count: each upsert inserts a client's first download of a version, or moves
     * on one whose last counted download is a full window older, and returns exactly those rows. A
     * client and version seen twice in one batch (possible only when a flush waited past the window)
     * go into successive statements, since one statement may not touch a row twice.
     */
    private List<Candidate> deduplicate(Handle h, List<Candidate> drained) {
        List<Candidate> counted = new ArrayList<>();
        List<Candidate> remaining = new ArrayList<>(drained);
        remaining.sort(Candidate.ORDER);
        while (!remaining.isEmpty()) {
            List<Candidate> round = new ArrayList<>();
            List<Candidate> later = new ArrayList<>();
            for (Candidate c : remaining) {
                Candidate last = round.isEmpty() ? null : round.getLast();
                boolean sameRow = last != null && last.versionPk() == c.versionPk() && last.client().equals(c.client());
                (sameRow ? later : round).add(c);
            }
            for (int from = 0; from < round.size(); from += UPSERT_ROWS) {
                counted.addAll(upsert(h, round.subList(from, Math.min(round.size(), from + UPSERT_ROWS))));
            }
            remaining = later;
        }
        long hour = Math.floorDiv(clock.millis(), HOUR_MILLIS);
        if (hour != lastPruneHour) {   // once an hour per node: rows past the window decide nothing any more
            h.createUpdate("DELETE FROM download_clients WHERE counted_at < :cutoff")
                    .bind("cutoff", clock.millis() - DEDUP_WINDOW.toMillis()).execute();
            lastPruneHour = hour;
        }
        return counted;
    }

    private List<Candidate> upsert(Handle h, List<Candidate> rows) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:v").append(i).append(", :c").append(i).append(", :t").append(i).append(')');
        }
        Query upsert = h.createQuery("INSERT INTO download_clients (version_pk, client, counted_at) VALUES " + values + """
                 ON CONFLICT (version_pk, client) DO UPDATE SET counted_at = excluded.counted_at
                WHERE download_clients.counted_at <= excluded.counted_at - :window
                RETURNING version_pk, client""");
        Map<String, Candidate> byRow = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Candidate c = rows.get(i);
            upsert.bind("v" + i, c.versionPk()).bind("c" + i, c.client()).bind("t" + i, c.at());
            byRow.put(c.versionPk() + "|" + c.client(), c);
        }
        return upsert.bind("window", DEDUP_WINDOW.toMillis())
                .map((rs, ctx) -> byRow.get(rs.getLong("version_pk") + "|" + rs.getString("client")))
                .list();
    }

    private void write(Handle h, Map<Key, Long> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<Long, Long> perVersion = new TreeMap<>();
        Map<Long, Long> perPlugin = new TreeMap<>();
        batch.forEach((key, n) -> {
            perVersion.merge(key.versionPk(), n, Long::sum);
            perPlugin.merge(key.pluginPk(), n, Long::sum);
        });
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
    }

    /**
     * Forgets the clients whose hour has passed; past {@link #DEDUP_KEYS} (a flood of distinct
     * clients) it forgets them all, so memory stays bounded (the database still de-duplicates).
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
            if (lastFailure != null) {
                log.info("Download counts are written again");
                lastFailure = null;
            }
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isConnectionFailure(e)) {   // an outage is logged once, by DatabaseOutage
                String failure = e.toString();
                if (!failure.equals(lastFailure)) {   // the same failure every 2 s (a full disk) is logged once
                    log.warn("Could not write download counts ({} pending); will retry every flush, logging again"
                            + " only if the failure changes", pending(), e);
                    lastFailure = failure;
                }
            }
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
