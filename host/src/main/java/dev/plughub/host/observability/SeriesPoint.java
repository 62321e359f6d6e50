package dev.plughub.host.observability;

import java.time.Instant;

/**
 * Calls in one interval of a time series.
 *
 * @param start  the interval's start (aligned to its resolution)
 * @param count  calls that ended in the interval
 * @param errors of which failed
 * @param meanMs mean latency, 0 when there were no calls
 */
public record SeriesPoint(Instant start, long count, long errors, double meanMs) {
}
