package dev.plughub.registry.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.plughub.registry.catalog.CatalogService;
import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.http.Json;
import dev.plughub.registry.http.WholeNumbers;
import dev.plughub.registry.stats.StatsViews.DayDownloads;
import dev.plughub.registry.stats.StatsViews.DownloadSeries;
import dev.plughub.registry.stats.StatsViews.PluginStats;
import dev.plughub.registry.stats.StatsViews.Totals;
import dev.plughub.registry.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Download and rating statistics. Downloads per day come from {@code download_daily} (UTC days,
 * written by the download counter every 2 s); windows are whole UTC days counted back from today:
 * {@code weekly} = the last 7 days, {@code monthly} = the last 30, today included; {@code daily} is
 * the last 24 hours, from {@code download_hourly}. Answers are serialized once and kept for about a second.
 */
public final class StatsService {

    public static final int MAX_SERIES_DAYS = 365;
    public static final int DEFAULT_SERIES_DAYS = 30;

    private final Database db;
    private final CatalogService catalog;
    private final Clock clock;
    private final Cache<String, byte[]> pluginAnswers;
    private final Cache<String, byte[]> totalsAnswer;

    public StatsService(Database db, CatalogService catalog, Clock clock, Duration cacheFor) {
        this.db = db;
        this.catalog = catalog;
        this.clock = clock;
        this.pluginAnswers = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheFor).build();
        this.totalsAnswer = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(cacheFor).build();
    }

    /** Drops every cached answer (another node changed the catalogue). */
    public void invalidate() {
        pluginAnswers.invalidateAll();
        totalsAnswer.invalidateAll();
    }

    /** The serialized answer of {@code GET /api/v1/plugins/{id}/stats}. */
    public byte[] pluginStatsJson(String pluginId) {
        byte[] cached = pluginAnswers.getIfPresent(pluginId);
        if (cached != null) {
            return cached;
        }
        byte[] body = Json.bytes(Envelope.of(pluginStats(pluginId)));   // a 404 is not cached
        pluginAnswers.put(pluginId, body);
        return body;
    }

    /** The serialized answer of {@code GET /api/v1/stats}. */
    public byte[] totalsJson() {
        return totalsAnswer.get("totals", k -> Json.bytes(Envelope.of(totals())));
    }

    public PluginStats pluginStats(String pluginId) {
        PluginRow plugin = catalog.requirePlugin(pluginId);
        LocalDate today = today();
        return db.read().withHandle(h -> {
            Map<LocalDate, Long> days = daily(h, plugin.pk(), today.minusDays(29), today);
            long monthly = sumFrom(days, today.minusDays(29));
            long weekly = sumFrom(days, today.minusDays(6));
            long daily = lastDay(h, plugin.pk());
            Map<String, Long> versions = new LinkedHashMap<>();
            h.createQuery("""
                            SELECT version, downloads FROM plugin_versions
                            WHERE plugin_pk = :pk AND deleted_at IS NULL ORDER BY created_at DESC, id DESC""")
                    .bind("pk", plugin.pk())
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> versions.put(e.getKey(), e.getValue()));
            Map<String, Long> distribution = distribution(h, plugin.pk());
            return new PluginStats(plugin.pluginId(), plugin.downloads(), monthly, weekly, daily,
                    plugin.rating(), plugin.ratingCount(), distribution, versions,
                    plugin.createdAt(), plugin.updatedAt());
        });
    }

    /** The last {@code days} UTC days (today included), oldest first, days without downloads as 0. */
    public DownloadSeries series(String pluginId, Optional<String> daysParam) {
        int days = parseDays(daysParam);
        PluginRow plugin = catalog.requirePlugin(pluginId);
        LocalDate today = today();
        LocalDate from = today.minusDays(days - 1L);
        Map<LocalDate, Long> counted = db.read().withHandle(h -> daily(h, plugin.pk(), from, today));
        List<DayDownloads> series = new ArrayList<>(days);
        long total = 0;
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            long n = counted.getOrDefault(d, 0L);
            total += n;
            series.add(new DayDownloads(d.toString(), n));
        }
        return new DownloadSeries(plugin.pluginId(), days, from.toString(), today.toString(), total, series);
    }

    public Totals totals() {
        return db.read().withHandle(h -> new Totals(
                count(h, "SELECT COUNT(*) FROM plugins WHERE deleted_at IS NULL"),
                count(h, """
                        SELECT COUNT(*) FROM plugin_versions v JOIN plugins p ON p.id = v.plugin_pk
                        WHERE v.deleted_at IS NULL AND p.deleted_at IS NULL"""),
                count(h, "SELECT COALESCE(SUM(downloads), 0) FROM plugins"),
                count(h, "SELECT COUNT(*) FROM users"),
                count(h, "SELECT COUNT(*) FROM ratings")));
    }

    static int parseDays(Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            return DEFAULT_SERIES_DAYS;
        }
        try {
            int n = WholeNumbers.parseInt(value.get());
            if (n >= 1 && n <= MAX_SERIES_DAYS) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.validation(Map.of("days",
                List.of("days must be a whole number from 1 to " + MAX_SERIES_DAYS + ", not '" + value.get() + "'")));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Downloads in the last 24 hours: the current UTC hour so far and the 23 before it. */
    private long lastDay(Handle h, long pluginPk) {
        long hour = Math.floorDiv(clock.millis(), 3_600_000L);
        return h.createQuery("""
                        SELECT coalesce(SUM(d.n), 0) FROM download_hourly d JOIN plugin_versions v ON v.id = d.version_pk
                        WHERE v.plugin_pk = :pk AND d.hour > :from""")
                .bind("pk", pluginPk).bind("from", hour - 24)
                .mapTo(Long.class).one();
    }

    private static Map<LocalDate, Long> daily(Handle h, long pluginPk, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> days = new HashMap<>();
        h.createQuery("""
                        SELECT d.day, SUM(d.n) FROM download_daily d JOIN plugin_versions v ON v.id = d.version_pk
                        WHERE v.plugin_pk = :pk AND d.day >= :from AND d.day <= :to GROUP BY d.day""")
                .bind("pk", pluginPk).bind("from", from.toString()).bind("to", to.toString())
                .map((rs, ctx) -> Map.entry(LocalDate.parse(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> days.put(e.getKey(), e.getValue()));
        return days;
    }

    private static long sumFrom(Map<LocalDate, Long> days, LocalDate from) {
        return days.entrySet().stream().filter(e -> !e.getKey().isBefore(from)).mapToLong(Map.Entry::getValue).sum();
    }

    private static Map<String, Long> distribution(Handle h, long pluginPk) {
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int star = 5; star >= 1; star--) {
            distribution.put(Integer.toString(star), 0L);
        }
        h.createQuery("SELECT rating, COUNT(*) FROM ratings WHERE plugin_pk = :pk GROUP BY rating")
                .bind("pk", pluginPk)
                .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getLong(2)))
                .forEach(e -> distribution.computeIfPresent(Integer.toString(e.getKey()), (k, v) -> e.getValue()));
        return distribution;
    }

    private static long count(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Long.class).one();
    }

}
