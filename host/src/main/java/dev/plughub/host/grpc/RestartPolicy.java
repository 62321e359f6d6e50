package dev.plughub.host.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * When the host restarts an out-of-process plugin whose process died while it was active: after
 * {@code initialBackoff}, doubling with each failure still inside {@code window}, at most
 * {@code maxBackoff}; after {@code maxFailures} failures inside {@code window} it gives up and
 * leaves the plugin failed until an operator restarts or enables it.
 */
public record RestartPolicy(Duration initialBackoff, Duration maxBackoff, int maxFailures, Duration window) {

    public RestartPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(window, "window");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 or more, and maxBackoff at least initialBackoff");
        }
        if (maxFailures < 0) {
            throw new IllegalArgumentException("maxFailures must be 0 (never restart) or more");
        }
    }

    /** 1 s, 2 s, 4 s ... at most 60 s; give up after 5 failures within 10 minutes. */
    public static RestartPolicy defaults() {
        return new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 5, Duration.ofMinutes(10));
    }

    /** Never restarts by itself. */
    public static RestartPolicy never() {
        return new RestartPolicy(Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
    }

    /** The wait before the restart that follows the {@code failures}-th failure in the window (1-based). */
    Duration backoff(int failures) {
        Duration delay = initialBackoff;
        for (int i = 1; i < failures && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
