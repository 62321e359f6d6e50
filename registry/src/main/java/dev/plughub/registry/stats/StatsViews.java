package dev.plughub.registry.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the statistics API (snake_case through the API's mapper). */
public final class StatsViews {

    private StatsViews() {
    }

    /** {@code data} of {@code GET /api/v1/plugins/{id}/stats} (seed 001 §5). */
    public record PluginStats(
            String pluginId,
            long totalDownloads,
            long monthlyDownloads,
            long weeklyDownloads,
            long dailyDownloads,
            double averageRating,
            long totalRatings,
            Map<String, Long> ratingDistribution,
            Map<String, Long> versionDownloads,
            Instant createdAt,
            Instant lastUpdated) {
    }

    /** One UTC day of a download series. */
    public record DayDownloads(String date, long downloads) {
    }

    /** {@code data} of {@code GET /api/v1/plugins/{id}/stats/downloads}. */
    public record DownloadSeries(String pluginId, int days, String from, String to, long total, List<DayDownloads> series) {
    }

    /** {@code data} of {@code GET /api/v1/stats}. */
    public record Totals(long plugins, long versions, long downloads, long users, long reviews) {
    }
}
