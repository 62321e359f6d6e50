package dev.plughub.registry.reviews;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plugin's ratings in numbers: how many of each star, the plain average (rounded to 2 decimals,
 * as the API shows it) and the smoothed average lists sort by. The smoothing rule lives only here
 * (and in docs/marketplace.md): a Bayesian average that pulls a plugin with few ratings toward
 * {@link #PRIOR_MEAN}, so one 5-star rating does not outrank hundreds of 4.8s.
 */
public record RatingSummary(Map<String, Long> distribution, long count, double average, double smoothed) {

    /** m: what a plugin is assumed to deserve before anyone has rated it. */
    public static final double PRIOR_MEAN = 3.0;
    /** C: how many ratings the prior weighs as. */
    public static final int PRIOR_WEIGHT = 10;

    /** From the number of ratings per star (1..5; missing stars count 0). */
    public static RatingSummary of(Map<Integer, Long> perStar) {
        Map<String, Long> distribution = new LinkedHashMap<>();
        long count = 0;
        long sum = 0;
        for (int stars = 5; stars >= 1; stars--) {
            long n = perStar.getOrDefault(stars, 0L);
            distribution.put(Integer.toString(stars), n);
            count += n;
            sum += n * stars;
        }
        double average = count == 0 ? 0 : Math.round(sum * 100.0 / count) / 100.0;
        return new RatingSummary(Collections.unmodifiableMap(distribution), count, average, smoothed(sum, count));
    }

    /** (C·m + Σ ratings) / (C + n). */
    public static double smoothed(long sum, long count) {
        return (PRIOR_WEIGHT * PRIOR_MEAN + sum) / (PRIOR_WEIGHT + count);
    }
}
