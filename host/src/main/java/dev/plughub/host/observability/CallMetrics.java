package dev.plughub.host.observability;

import dev.plughub.plugin.PluginMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Metrics of every call into every plugin, and the plugins' own counters and timers.
 * {@link #record} is on the path of every call, so it takes no lock and allocates nothing once a
 * plugin's operation has been seen (bar one small object per minute for the time series).
 */
public final class CallMetrics {

    /** A plugin may create this many counters and as many timers; further names are ignored. */
    public static final int MAX_OWN_METRICS = 200;

    private final Clock clock;
    private final Map<String, PluginStats> plugins = new ConcurrentHashMap<>();

    public CallMetrics() {
        this(Clock.systemUTC());
    }

    public CallMetrics(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records one call.
     *
     * @param operation what was called: {@code initialize}, {@code health}, {@code message}, {@code event},
     *                  {@code shutdown}, or an action by its name
     * @param nanos     how long it took
     * @param ok        false when it threw or timed out
     */
    public void record(String pluginId, String operation, long nanos, boolean ok) {
        PluginStats stats = plugins.get(pluginId);
        if (stats == null) {
            stats = plugins.computeIfAbsent(pluginId, id -> new PluginStats());
        }
        stats.record(operation, nanos, ok, clock.millis());
    }

    /** Remembers why a call into the plugin failed: its health shows the newest such failure. */
    public void recordFailure(String pluginId, String why) {
        stats(pluginId).lastFailure = why;
    }

    /** The newest failure {@link #recordFailure recorded} for the plugin, {@code ""} when none. */
    public String lastFailure(String pluginId) {
        return plugins.getOrDefault(pluginId, PluginStats.EMPTY).lastFailure;
    }

    public MetricsSnapshot snapshot(String pluginId) {
        PluginStats stats = plugins.getOrDefault(pluginId, PluginStats.EMPTY);
        return stats.snapshot(pluginId, clock);
    }

    /** The {@code PluginContext.metrics()} of one plugin. */
    public PluginMetrics forPlugin(String pluginId) {
        return new PluginMetrics() {
            @Override
            public void count(String name, long delta) {
                stats(pluginId).count(name, delta);
            }

            @Override
            public void time(String name, Duration duration) {
                stats(pluginId).time(name, duration.toNanos());
            }
        };
    }

    /** Forgets a plugin (on uninstall). */
    public void remove(String pluginId) {
        plugins.remove(pluginId);
    }

    private PluginStats stats(String pluginId) {
        return plugins.computeIfAbsent(pluginId, id -> new PluginStats());
    }

    private static final class PluginStats {
        static final PluginStats EMPTY = new PluginStats();

        final OperationRecorder total = new OperationRecorder();
        final Map<String, OperationRecorder> operations = new ConcurrentHashMap<>();
        final TimeSeries series = new TimeSeries();
        final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
        final Map<String, OperationRecorder> timers = new ConcurrentHashMap<>();
        volatile String lastFailure = "";

        void record(String operation, long nanos, boolean ok, long nowMillis) {
            OperationRecorder recorder = operations.get(operation);
            if (recorder == null) {
                recorder = operations.computeIfAbsent(operation, op -> new OperationRecorder());
            }
            recorder.record(nanos, ok);
            total.record(nanos, ok);
            series.record(nowMillis, nanos, ok);
        }

        void count(String name, long delta) {
            LongAdder counter = counters.get(name);
            if (counter == null) {
                if (counters.size() >= MAX_OWN_METRICS) {
                    return;   // a plugin inventing names per request must not grow the host without bound
                }
                counter = counters.computeIfAbsent(name, n -> new LongAdder());
            }
            counter.add(delta);
        }

        void time(String name, long nanos) {
            OperationRecorder timer = timers.get(name);
            if (timer == null) {
                if (timers.size() >= MAX_OWN_METRICS) {
                    return;
                }
                timer = timers.computeIfAbsent(name, n -> new OperationRecorder());
            }
            timer.record(nanos, true);
        }

        MetricsSnapshot snapshot(String pluginId, Clock clock) {
            Map<String, OperationStats> ops = new TreeMap<>();
            operations.forEach((name, recorder) -> ops.put(name, recorder.stats()));
            Map<String, Long> ownCounters = new TreeMap<>();
            counters.forEach((name, counter) -> ownCounters.put(name, counter.sum()));
            Map<String, OperationStats> ownTimers = new TreeMap<>();
            timers.forEach((name, timer) -> ownTimers.put(name, timer.stats()));
            return new MetricsSnapshot(pluginId, clock.instant(), total.stats(), ops, series.read(clock.millis()),
                    ownCounters, ownTimers);
        }
    }
}
