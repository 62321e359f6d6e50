package dev.plughub.host.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.plughub.plugin.PluginMetrics;
import dev.plughub.registry.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CallMetricsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T11:00:00Z"));
    final CallMetrics metrics = new CallMetrics(clock);

    @Test
    void counts_calls_and_errors_per_operation_and_in_total() {
        metrics.record("analytics", "action:report", 1_000_000, true);
        metrics.record("analytics", "action:report", 3_000_000, false);
        metrics.record("analytics", "health", 500_000, true);

        MetricsSnapshot snapshot = metrics.snapshot("analytics");

        OperationStats report = snapshot.operations().get("action:report");
        assertThat(report.count()).isEqualTo(2);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.errorRate()).isEqualTo(0.5);
        assertThat(report.meanMs()).isEqualTo(2.0);
        assertThat(report.maxMs()).isEqualTo(3.0);
        assertThat(snapshot.total().count()).isEqualTo(3);
        assertThat(snapshot.total().errors()).isEqualTo(1);
        assertThat(snapshot.operations()).containsOnlyKeys("action:report", "health");
    }

    @Test
    void requests_per_minute_is_the_rate_over_the_last_five_minutes() {
        for (int i = 0; i < 30; i++) {
            metrics.record("analytics", "action:report", 1_000_000, true);
        }
        clock.advance(Duration.ofMinutes(3));
        for (int i = 0; i < 10; i++) {
            metrics.record("analytics", "action:report", 1_000_000, true);
        }
        assertThat(metrics.snapshot("analytics").requestsPerMinute()).isEqualTo(40 / 5.0);

        clock.advance(Duration.ofMinutes(3));   // the first 30 are now six minutes old
        assertThat(metrics.snapshot("analytics").requestsPerMinute()).isEqualTo(10 / 5.0);
        clock.advance(Duration.ofMinutes(10));
        assertThat(metrics.snapshot("analytics").requestsPerMinute()).isZero();
    }

    @Test
    void percentiles_agree_with_a_sorted_array_within_bucket_precision() {
        Random random = new Random(4242);
        for (int round = 0; round < 50; round++) {
            CallMetrics fresh = new CallMetrics(clock);
            int n = 1 + random.nextInt(5_000);
            long[] samples = new long[n];
            for (int i = 0; i < n; i++) {
                // a spread from nanoseconds to seconds, with a heavy tail like real latencies
                samples[i] = (long) Math.exp(random.nextDouble() * Math.log(5_000_000_000.0));
                fresh.record("p", "call", samples[i], true);
            }
            Arrays.sort(samples);
            OperationStats stats = fresh.snapshot("p").total();

            assertNearRank(stats.p50Ms(), samples, 0.50);
            assertNearRank(stats.p95Ms(), samples, 0.95);
            assertNearRank(stats.p99Ms(), samples, 0.99);
            assertThat(stats.maxMs()).isEqualTo(samples[n - 1] / 1e6);
        }
    }

    /** The nearest-rank percentile of the oracle, within the histogram's 1/16 relative precision. */
    static void assertNearRank(double estimateMs, long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        double exactMs = sorted[Math.max(rank, 1) - 1] / 1e6;
        assertThat(estimateMs).isCloseTo(exactMs, within(exactMs / 16 + 1e-6));
    }

    @Test
    void records_from_many_threads_lose_nothing() throws Exception {
        int threads = 8;
        int each = 20_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    metrics.record("busy", i % 2 == 0 ? "action:a" : "action:b", 1_000 + i, i % 10 != 0);
                }
                done.countDown();
            });
        }
        done.await();

        MetricsSnapshot snapshot = metrics.snapshot("busy");
        assertThat(snapshot.total().count()).isEqualTo((long) threads * each);
        assertThat(snapshot.total().errors()).isEqualTo((long) threads * each / 10);
        assertThat(snapshot.series().get("1m").get(59).count()).isEqualTo((long) threads * each);
    }

    @Test
    void the_time_series_puts_calls_in_their_minute_and_coarser_windows() {
        metrics.record("p", "health", 2_000_000, true);          // 11:00
        clock.advance(Duration.ofMinutes(3));
        metrics.record("p", "health", 4_000_000, false);         // 11:03
        metrics.record("p", "health", 6_000_000, true);
        clock.advance(Duration.ofMinutes(14));                   // now 11:17

        MetricsSnapshot snapshot = metrics.snapshot("p");

        List<SeriesPoint> minutes = snapshot.series().get("1m");
        assertThat(minutes).hasSize(60);
        assertThat(minutes.get(59).start()).isEqualTo(Instant.parse("2024-01-01T11:17:00Z"));
        assertThat(point(minutes, "2024-01-01T11:00:00Z")).isEqualTo(
                new SeriesPoint(Instant.parse("2024-01-01T11:00:00Z"), 1, 0, 2.0));
        assertThat(point(minutes, "2024-01-01T11:03:00Z")).isEqualTo(
                new SeriesPoint(Instant.parse("2024-01-01T11:03:00Z"), 2, 1, 5.0));

        List<SeriesPoint> fives = snapshot.series().get("5m");
        assertThat(fives).hasSize(12);
        assertThat(fives.get(11).start()).isEqualTo(Instant.parse("2024-01-01T11:15:00Z"));
        assertThat(point(fives, "2024-01-01T11:00:00Z").count()).isEqualTo(3);

        List<SeriesPoint> quarters = snapshot.series().get("15m");
        assertThat(quarters).hasSize(4);
        assertThat(point(quarters, "2024-01-01T11:00:00Z").errors()).isEqualTo(1);
        assertThat(point(quarters, "2024-01-01T11:15:00Z").count()).isZero();

        List<SeriesPoint> hours = snapshot.series().get("1h");
        assertThat(hours).hasSize(24);
        assertThat(hours.get(23)).isEqualTo(new SeriesPoint(Instant.parse("2024-01-01T11:00:00Z"), 3, 1, 4.0));
    }

    @Test
    void minutes_older_than_an_hour_leave_the_minute_series_but_stay_in_the_hourly_one() {
        metrics.record("p", "health", 1_000_000, true);          // 11:00
        clock.advance(Duration.ofMinutes(61));                   // 12:01; the 11:00 slot is reused at 12:00
        metrics.record("p", "health", 1_000_000, true);

        MetricsSnapshot snapshot = metrics.snapshot("p");

        assertThat(snapshot.series().get("1m").stream().mapToLong(SeriesPoint::count).sum()).isEqualTo(1);
        List<SeriesPoint> hours = snapshot.series().get("1h");
        assertThat(hours.get(22)).isEqualTo(new SeriesPoint(Instant.parse("2024-01-01T11:00:00Z"), 1, 0, 1.0));
        assertThat(hours.get(23)).isEqualTo(new SeriesPoint(Instant.parse("2024-01-01T12:00:00Z"), 1, 0, 1.0));
    }

    @Test
    void recording_a_known_operation_allocates_nothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        metrics.record("hot", "action:call", 1_000, true);   // first sight of the operation creates its recorder
        long tid = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(tid);

        for (int i = 0; i < 100_000; i++) {
            metrics.record("hot", "action:call", 1_000 + i, i % 7 != 0);
        }

        // a few hundred bytes of slack for the measurement itself; 100,000 boxed values would be megabytes
        assertThat(threads.getThreadAllocatedBytes(tid) - before).isLessThan(1_024);
        assertThat(metrics.snapshot("hot").total().count()).isEqualTo(100_001);
    }

    @Test
    void keeps_a_plugins_own_counters_and_timers_beside_the_call_metrics() {
        PluginMetrics own = metrics.forPlugin("analytics");

        own.increment("events_processed");
        own.count("events_processed", 9);
        own.time("flush", Duration.ofMillis(8));

        MetricsSnapshot snapshot = metrics.snapshot("analytics");
        assertThat(snapshot.counters()).containsEntry("events_processed", 10L);
        assertThat(snapshot.timers().get("flush").count()).isEqualTo(1);
        assertThat(snapshot.timers().get("flush").p50Ms()).isCloseTo(8.0, within(0.5));
    }

    @Test
    void a_plugin_cannot_grow_its_own_metrics_without_bound() {
        PluginMetrics own = metrics.forPlugin("chatty");

        for (int i = 0; i < CallMetrics.MAX_OWN_METRICS + 50; i++) {
            own.increment("request-" + i);
        }

        assertThat(metrics.snapshot("chatty").counters()).hasSize(CallMetrics.MAX_OWN_METRICS);
    }

    @Test
    void an_unknown_or_removed_plugin_has_empty_metrics() {
        metrics.record("gone", "health", 1, true);
        metrics.remove("gone");

        MetricsSnapshot snapshot = metrics.snapshot("gone");
        assertThat(snapshot.total()).isEqualTo(OperationStats.NONE);
        assertThat(snapshot.operations()).isEmpty();
        assertThat(snapshot.series().keySet()).containsExactlyElementsOf(MetricsSnapshot.RESOLUTIONS);
    }

    static SeriesPoint point(List<SeriesPoint> series, String start) {
        return series.stream().filter(p -> p.start().equals(Instant.parse(start))).findFirst().orElseThrow();
    }
}
