package dev.plughub.host.observability;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The series seed 002's metrics answer shows, each read from the calls of one interval. Seed 002's
 * {@code memory_usage_mb} is not among them: an in-process plugin shares the host's heap, so its own
 * memory cannot be told apart, and the host does not sample its out-of-process plugins' memory.
 */
public enum SeriesMetric {
    REQUESTS_PER_MINUTE {
        @Override
        public double value(SeriesPoint point, Duration step) {
            return point.count() / (step.toSeconds() / 60.0);
        }
    },
    RESPONSE_TIME_MS {
        @Override
        public double value(SeriesPoint point, Duration step) {
            return point.meanMs();
        }
    },
    ERROR_RATE {
        @Override
        public double value(SeriesPoint point, Duration step) {
            return point.count() == 0 ? 0 : (double) point.errors() / point.count();
        }
    };

    /** The names, for error messages. */
    public static final String ALLOWED = Arrays.stream(values()).map(SeriesMetric::apiName)
            .collect(Collectors.joining(", "));

    /** The value of one point whose interval is {@code step} long. */
    public abstract double value(SeriesPoint point, Duration step);

    /** The name the API shows ({@code requests_per_minute}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SeriesMetric> parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.apiName().equals(wanted)).findFirst();
    }
}
