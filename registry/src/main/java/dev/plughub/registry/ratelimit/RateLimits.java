package dev.plughub.registry.ratelimit;

import java.util.Map;

/**
 * The operator's rate limits (seed 001's table as defaults); 0 turns a class off.
 *
 * @param queriesPerMinute  GET/HEAD requests of the API other than downloads (PLUGHUB_RATE_QUERIES_PER_MIN)
 * @param uploadsPerHour    publish requests (PLUGHUB_RATE_UPLOADS_PER_HOUR)
 * @param downloadsPerMinute package downloads (PLUGHUB_RATE_DOWNLOADS_PER_MIN)
 * @param ratingsPerHour    POSTed ratings, reviews and votes (PLUGHUB_RATE_RATINGS_PER_HOUR)
 * @param signInsPerMinute  logins and registrations, per address: password guessing and mass sign-up
 *                          (PLUGHUB_RATE_SIGNINS_PER_MIN)
 */
public record RateLimits(int queriesPerMinute, int uploadsPerHour, int downloadsPerMinute, int ratingsPerHour,
                         int signInsPerMinute) {

    public RateLimits {
        if (queriesPerMinute < 0 || uploadsPerHour < 0 || downloadsPerMinute < 0 || ratingsPerHour < 0 || signInsPerMinute < 0) {
            throw new IllegalArgumentException("rate limits are 0 (unlimited) or more");
        }
    }

    /** Seed 001's four classes, sign-ins unlimited. */
    public RateLimits(int queriesPerMinute, int uploadsPerHour, int downloadsPerMinute, int ratingsPerHour) {
        this(queriesPerMinute, uploadsPerHour, downloadsPerMinute, ratingsPerHour, 0);
    }

    public static RateLimits defaults() {
        return new RateLimits(100, 10, 50, 20, 20);
    }

    public static RateLimits unlimited() {
        return new RateLimits(0, 0, 0, 0, 0);
    }

    /** True when no class is limited: the server then does no bookkeeping at all. */
    public boolean isUnlimited() {
        return queriesPerMinute == 0 && uploadsPerHour == 0 && downloadsPerMinute == 0 && ratingsPerHour == 0
                && signInsPerMinute == 0;
    }

    /** Reads PLUGHUB_RATE_* from the environment; missing values keep the defaults. */
    public static RateLimits fromEnvironment(Map<String, String> env) {
        RateLimits d = defaults();
        return new RateLimits(
                read(env, "PLUGHUB_RATE_QUERIES_PER_MIN", d.queriesPerMinute()),
                read(env, "PLUGHUB_RATE_UPLOADS_PER_HOUR", d.uploadsPerHour()),
                read(env, "PLUGHUB_RATE_DOWNLOADS_PER_MIN", d.downloadsPerMinute()),
                read(env, "PLUGHUB_RATE_RATINGS_PER_HOUR", d.ratingsPerHour()),
                read(env, "PLUGHUB_RATE_SIGNINS_PER_MIN", d.signInsPerMinute()));
    }

    private static int read(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new IllegalArgumentException(name + " must be 0 (unlimited) or more, not " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
