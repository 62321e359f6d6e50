package dev.plughub.registry.reviews;

import dev.plughub.registry.catalog.CatalogService;
import dev.plughub.registry.http.PageRequest;
import dev.plughub.registry.reviews.ReviewViews.Author;
import dev.plughub.registry.reviews.ReviewViews.RatingItem;
import dev.plughub.registry.reviews.ReviewViews.RecentRating;
import dev.plughub.registry.reviews.ReviewViews.Review;
import dev.plughub.registry.reviews.ReviewViews.SavedRating;
import dev.plughub.registry.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The SQL of ratings and review votes (V5__reviews.sql). Methods that take a {@link Handle} run
 * inside the caller's write transaction; the others read through the read-only pool.
 */
public final class ReviewStore implements CatalogService.DetailRatings {

    /** A rating with its author, as stored. {@code review} is seed 001's review and seed 003's comment. */
    public record ReviewRow(long id, long pluginPk, Author author, int rating, Optional<String> title,
                            Optional<String> review, long helpfulCount, long unhelpfulCount, Instant createdAt,
                            Instant updatedAt) {

        RatingItem ratingItem() {
            return new RatingItem(id, author, rating, review, createdAt, updatedAt);
        }

        RecentRating recent() {
            return new RecentRating(id, author, rating, review, createdAt);
        }

        SavedRating saved(String pluginId) {
            return new SavedRating(id, pluginId, author.id(), rating, review, createdAt, updatedAt);
        }

        Review review(String pluginId) {
            return new Review(id, pluginId, author, rating, title, review, helpfulCount, unhelpfulCount, createdAt,
                    updatedAt);
        }
    }

    /** The orders a review list can be sorted in. */
    public enum Order {
        NEWEST("r.created_at DESC, r.id DESC"),
        /** Most helpful first: helpful minus unhelpful votes, then newest. */
        HELPFUL("(r.helpful_count - r.unhelpful_count) DESC, r.created_at DESC, r.id DESC");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /** One page of ratings and the summary of all of them. */
    public record Rows(List<ReviewRow> rows, RatingSummary summary) {
    }

    private static final String COLUMNS = """
            r.id, r.plugin_pk, r.user_id, u.username, u.display_name, r.rating, r.title, r.review, r.helpful_count,
            r.unhelpful_count, r.created_at, r.updated_at""";
    private static final String FROM = " FROM ratings r JOIN users u ON u.id = r.user_id";

    private static final RowMapper<ReviewRow> ROW = (rs, ctx) -> new ReviewRow(
            rs.getLong("id"), rs.getLong("plugin_pk"),
            new Author(rs.getLong("user_id"), rs.getString("username"), text(rs, "display_name")),
            rs.getInt("rating"), text(rs, "title"), text(rs, "review"), rs.getLong("helpful_count"),
            rs.getLong("unhelpful_count"), Instant.ofEpochMilli(rs.getLong("created_at")),
            Instant.ofEpochMilli(rs.getLong("updated_at")));

    private final Database db;

    public ReviewStore(Database db) {
        this.db = db;
    }

    // ---- reads ----

    public Rows page(long pluginPk, Order order, PageRequest page) {
        // Two reads on one read-only connection (SQLite's read-only pool cannot BEGIN IMMEDIATE).
        return db.read().withHandle(h -> {
            List<ReviewRow> rows = h.createQuery("SELECT " + COLUMNS + FROM + " WHERE r.plugin_pk = :pk ORDER BY "
                            + order.sql + " LIMIT :limit OFFSET :offset")
                    .bind("pk", pluginPk).bind("limit", page.limit()).bind("offset", page.offset())
                    .map(ROW).list();
            return new Rows(rows, summary(h, pluginPk));
        });
    }

    /** The newest ratings of a plugin (the detail's recent_ratings). */
    @Override
    public List<RecentRating> recent(long pluginPk, int count) {
        return db.read().withHandle(h -> h.createQuery("SELECT " + COLUMNS + FROM + " WHERE r.plugin_pk = :pk ORDER BY "
                        + Order.NEWEST.sql + " LIMIT :limit")
                .bind("pk", pluginPk).bind("limit", count).map(ROW).map(ReviewRow::recent).list());
    }

    @Override
    public Map<String, Long> distribution(long pluginPk) {
        return summary(pluginPk).distribution();
    }

    public RatingSummary summary(long pluginPk) {
        return db.read().withHandle(h -> summary(h, pluginPk));
    }

    public RatingSummary summary(Handle h, long pluginPk) {
        Map<Integer, Long> perStar = new HashMap<>();
        h.createQuery("SELECT rating, count(*) AS n FROM ratings WHERE plugin_pk = :pk GROUP BY rating")
                .bind("pk", pluginPk)
                .map((rs, ctx) -> Map.entry(rs.getInt("rating"), rs.getLong("n")))
                .forEach(e -> perStar.put(e.getKey(), e.getValue()));
        return RatingSummary.of(perStar);
    }

    // ---- writes (inside the caller's transaction) ----

    public Optional<ReviewRow> find(Handle h, long pluginPk, long userId) {
        return h.createQuery("SELECT " + COLUMNS + FROM + " WHERE r.plugin_pk = :pk AND r.user_id = :user")
                .bind("pk", pluginPk).bind("user", userId).map(ROW).findOne();
    }

    public Optional<ReviewRow> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + FROM + " WHERE r.id = :id").bind("id", id).map(ROW).findOne();
    }

    public long insert(Handle h, long pluginPk, long userId, int rating, Optional<String> title,
                       Optional<String> review, Instant now) {
        return h.createUpdate("""
                        INSERT INTO ratings (plugin_pk, user_id, rating, title, review, created_at, updated_at)
                        VALUES (:pk, :user, :rating, :title, :review, :now, :now)""")
                .bind("pk", pluginPk).bind("user", userId).bind("rating", rating)
                .bind("title", title.orElse(null)).bind("review", review.orElse(null))
                .bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public void update(Handle h, long id, int rating, Optional<String> title, Optional<String> review, Instant now) {
        h.createUpdate("UPDATE ratings SET rating = :rating, title = :title, review = :review, updated_at = :now WHERE id = :id")
                .bind("rating", rating).bind("title", title.orElse(null)).bind("review", review.orElse(null))
                .bind("now", now.toEpochMilli()).bind("id", id).execute();
    }

    /**
     * Recomputes the plugin's rating, rating_count and rating_smoothed from its ratings. Called in
     * the transaction of every change to them: with one writer (SQLite) or the plugin's row lock
     * (PostgreSQL), the numbers are exact.
     */
    public RatingSummary refreshPlugin(Handle h, long pluginPk) {
        db.lockRow(h, "plugins", pluginPk);   // concurrent ratings: each summary counts the ones before it
        RatingSummary s = summary(h, pluginPk);
        h.createUpdate("UPDATE plugins SET rating = :avg, rating_count = :n, rating_smoothed = :smoothed WHERE id = :pk")
                .bind("avg", s.average()).bind("n", s.count()).bind("smoothed", s.smoothed()).bind("pk", pluginPk)
                .execute();
        return s;
    }

    /** Records a user's vote on a review (replacing an earlier one) and recomputes the review's counts. */
    public void vote(Handle h, long ratingId, long userId, boolean helpful, Instant now) {
        h.createUpdate("""
                        INSERT INTO review_votes (rating_id, user_id, helpful, created_at, updated_at)
                        VALUES (:id, :user, :helpful, :now, :now)
                        ON CONFLICT (rating_id, user_id) DO UPDATE SET helpful = excluded.helpful,
                                                                       updated_at = excluded.updated_at""")
                .bind("id", ratingId).bind("user", userId).bind("helpful", helpful ? 1 : 0)
                .bind("now", now.toEpochMilli()).execute();
        db.lockRow(h, "ratings", ratingId);   // concurrent votes: each recount sees the votes before it
        h.createUpdate("""
                        UPDATE ratings SET
                            helpful_count = (SELECT count(*) FROM review_votes WHERE rating_id = :id AND helpful = 1),
                            unhelpful_count = (SELECT count(*) FROM review_votes WHERE rating_id = :id AND helpful = 0)
                        WHERE id = :id""")
                .bind("id", ratingId).execute();
    }

    private static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }
}
