package dev.plughub.client;

import java.time.Duration;

/** A time limit as messages say it: {@code 30 s}, or {@code 0.5 s} below a second. */
final class Seconds {

    private Seconds() {
    }

    static String of(Duration limit) {
        long millis = limit.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
