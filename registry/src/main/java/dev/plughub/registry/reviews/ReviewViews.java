package dev.plughub.registry.reviews;

import dev.plughub.registry.http.Pagination;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of ratings and reviews (seed 001 §6–7, seed 003), snake_case through the API's mapper. */
public final class ReviewViews {

    private ReviewViews() {
    }

    /** Who wrote a rating. */
    public record Author(long id, String username, Optional<String> displayName) {
    }

    /** An item of {@code GET /ratings} (seed 001 §6). */
    public record RatingItem(long id, Author user, int rating, Optional<String> review, Instant createdAt,
                             Instant updatedAt) {
    }

    /** An item of the plugin detail's {@code recent_ratings} (seed 001 §2). */
    public record RecentRating(long id, Author user, int rating, Optional<String> review, Instant createdAt) {
    }

    /** {@code data} of {@code POST /ratings} (seed 001 §7). */
    public record SavedRating(long id, String pluginId, long userId, int rating, Optional<String> review,
                              Instant createdAt, Instant updatedAt) {
    }

    /** A review (seed 003): the same record as a rating, with its title, and its comment = the rating's review. */
    public record Review(long id, String pluginId, Author user, int rating, Optional<String> title,
                         Optional<String> comment, long helpfulCount, long unhelpfulCount, Instant createdAt,
                         Instant updatedAt) {
    }

    /** {@code summary} of the ratings list (seed 001 §6). */
    public record Summary(double averageRating, long totalRatings, Map<String, Long> ratingDistribution) {
        static Summary of(RatingSummary s) {
            return new Summary(s.average(), s.count(), s.distribution());
        }
    }

    /** {@code stats} of the reviews list (seed 003's review statistics). */
    public record Stats(double averageRating, long totalReviews, Map<String, Long> ratingDistribution) {
        static Stats of(RatingSummary s) {
            return new Stats(s.average(), s.count(), s.distribution());
        }
    }

    public record RatingPage(List<RatingItem> ratings, Pagination pagination, Summary summary) {
    }

    public record ReviewPage(List<Review> reviews, Pagination pagination, Stats stats, Summary summary) {
    }

    /** {@code data} of a vote: the review's counts after it, and the voter's vote. */
    public record VoteResult(long reviewId, String vote, long helpfulCount, long unhelpfulCount) {
    }
}
