package dev.plughub.host.observability;

import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.plugin.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's health as operators see it: the plugin's own report when it is running, the runtime's
 * view (state, uptime, call and error counts, last error) always.
 *
 * @param status    {@code ok}, {@code degraded}, {@code down} or {@code unknown}
 * @param message   the plugin's sentence, or why the status is what it is
 * @param checks    the plugin's own named checks (empty when it was not asked)
 * @param uptime    since it last became active; zero when it is not
 * @param requestsPerMinute calls a minute over the last five minutes ({@link MetricsSnapshot#requestsPerMinute})
 * @param lastError the last failure recorded for it, {@code ""} when none
 */
public record HealthReport(Status status, String message, Map<String, Object> checks, PluginState state,
                           Duration uptime, long calls, long errors, double requestsPerMinute, String lastError,
                           Instant checkedAt) {

    public enum Status {
        OK, DEGRADED, DOWN, UNKNOWN;

        /** The lower-case word the API shows. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public HealthReport {
        checks = Map.copyOf(checks);
    }

    /**
     * Puts the parts together.
     *
     * @param own  the plugin's answer to {@code health()}; empty when it was not asked (not active)
     *             or did not answer in time
     * @param note why {@code own} is empty ("health check timed out after 5s"); ignored otherwise
     */
    public static HealthReport of(PluginState state, Optional<Health> own, String note, Duration uptime,
                                  MetricsSnapshot metrics, String lastError, Instant checkedAt) {
        long calls = metrics.total().count();
        long errors = metrics.total().errors();
        double rate = metrics.requestsPerMinute();
        if (state == PluginState.FAILED) {
            return new HealthReport(Status.DOWN, lastError.isEmpty() ? note : lastError, Map.of(), state,
                    Duration.ZERO, calls, errors, rate, lastError, checkedAt);
        }
        if (state != PluginState.ACTIVE) {
            String why = note.isEmpty() ? "the plugin is " + state.label() + ", so it was not asked" : note;
            return new HealthReport(Status.UNKNOWN, why, Map.of(), state, Duration.ZERO, calls, errors, rate, lastError,
                    checkedAt);
        }
        return own.map(health -> new HealthReport(status(health.status()), health.message(), health.checks(), state,
                        uptime, calls, errors, rate, lastError, checkedAt))
                .orElseGet(() -> new HealthReport(Status.UNKNOWN, note, Map.of(), state, uptime, calls, errors, rate,
                        lastError, checkedAt));
    }

    private static Status status(Health.Status status) {
        return switch (status) {
            case OK -> Status.OK;
            case DEGRADED -> Status.DEGRADED;
            case DOWN -> Status.DOWN;
        };
    }
}
