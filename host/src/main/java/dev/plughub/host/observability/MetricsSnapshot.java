package dev.plughub.host.observability;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's metrics at one moment.
 *
 * @param total      every call into the plugin
 * @param operations by kind of call ({@code initialize}, {@code health}, {@code action:sync-users}...)
 * @param series     by resolution ({@code "1m"}: the last 60 minutes, {@code "5m"}: the last hour in 12
 *                   points, {@code "15m"}: in 4, {@code "1h"}: the last 24 hours), oldest first
 * @param counters   the plugin's own counters ({@code PluginMetrics.count})
 * @param timers     the plugin's own timers ({@code PluginMetrics.time})
 */
public record MetricsSnapshot(String pluginId, Instant at, OperationStats total, Map<String, OperationStats> operations,
                              Map<String, List<SeriesPoint>> series, Map<String, Long> counters,
                              Map<String, OperationStats> timers) {

    public static final List<String> RESOLUTIONS = List.of("1m", "5m", "15m", "1h");

    public MetricsSnapshot {
        // unmodifiable views of copies that keep the caller's order (names sorted, resolutions fine to coarse)
        operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
        series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        timers = Collections.unmodifiableMap(new LinkedHashMap<>(timers));
    }
}
