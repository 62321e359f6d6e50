package dev.plughub.host.observability;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Counts, errors and latencies of one kind of call; every update is lock-free. */
final class OperationRecorder {

    private static final double NANOS_PER_MS = 1_000_000.0;

    private final LongAdder count = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
    private final LatencyHistogram latencies = new LatencyHistogram();

    void record(long nanos, boolean ok) {
        count.increment();
        if (!ok) {
            errors.increment();
        }
        totalNanos.add(nanos);
        maxNanos.accumulate(nanos);
        latencies.record(nanos);
    }

    OperationStats stats() {
        long n = count.sum();
        if (n == 0) {
            return OperationStats.NONE;
        }
        long failed = errors.sum();
        long[] buckets = latencies.snapshot();
        double max = maxNanos.get() / NANOS_PER_MS;
        return new OperationStats(n, failed, (double) failed / n, totalNanos.sum() / NANOS_PER_MS / n,
                Math.min(max, LatencyHistogram.quantile(buckets, 0.50) / NANOS_PER_MS),
                Math.min(max, LatencyHistogram.quantile(buckets, 0.95) / NANOS_PER_MS),
                Math.min(max, LatencyHistogram.quantile(buckets, 0.99) / NANOS_PER_MS), max);
    }
}
