package dev.plughub.host.observability;

/**
 * Calls of one kind (or all calls) of one plugin since it was installed or the host started.
 * Latencies are in milliseconds; percentiles are within 6.25 % of the exact value.
 */
public record OperationStats(long count, long errors, double errorRate, double meanMs, double p50Ms, double p95Ms,
                             double p99Ms, double maxMs) {

    public static final OperationStats NONE = new OperationStats(0, 0, 0, 0, 0, 0, 0, 0);
}
