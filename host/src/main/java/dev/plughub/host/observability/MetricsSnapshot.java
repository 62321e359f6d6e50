package dev.plughub.host.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's metrics at one moment.
 *
 * @param total      every call into the plugin
 * @param operations by kind of call: {@code initialize}, {@code health}, {@code message}, {@code event},
 *                   {@code shutdown}, and each action by its own name ({@code sync-users})
 * @param series     by resolution ({@code "1m"}: the last 60 minutes, {@code "5m"}: the last hour in 12
 *                   points, {@code "15m"}: in 4, {@code "1h"}: the last 24 hours), oldest first
 * @param counters   the plugin's own counters ({@code PluginMetrics.count})
 * @param timers     the plugin's own timers ({@code PluginMetrics.time})
 */
public record MetricsSnapshot(String pluginId, Instant at, OperationStats total, Map<String, OperationStats> operations,
                              Map<String, List<SeriesPoint>> series, Map<String, Long> counters,
                              Map<String, OperationStats> timers) {

    public static final List<String> RESOLUTIONS = List.of("1m", "5m", "15m", "1h");

    /** How long one point of a resolution's series is. */
    public static Duration step(String resolution) {
        return switch (resolution) {
            case "1m" -> Duration.ofMinutes(1);
            case "5m" -> Duration.ofMinutes(5);
            case "15m" -> Duration.ofMinutes(15);
            case "1h" -> Duration.ofHours(1);
            default -> throw new IllegalArgumentException("resolution must be one of " + RESOLUTIONS + ", not " + resolution);
        };
    }

    /** How far back {@link #requestsPerMinute} looks. */
    public static final int RATE_WINDOW_MINUTES = 5;

    /** Calls a minute over the last {@value #RATE_WINDOW_MINUTES} minutes (the current one included). */
    public double requestsPerMinute() {
        List<SeriesPoint> minutes = series.getOrDefault("1m", List.of());
        long calls = minutes.subList(Math.max(0, minutes.size() - RATE_WINDOW_MINUTES), minutes.size()).stream()
                .mapToLong(SeriesPoint::count).sum();
        return (double) calls / RATE_WINDOW_MINUTES;
    }

    public MetricsSnapshot {
        // unmodifiable views of copies that keep the caller's order (names sorted, resolutions fine to coarse)
        operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
        series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        timers = Collections.unmodifiableMap(new LinkedHashMap<>(timers));
    }
}
