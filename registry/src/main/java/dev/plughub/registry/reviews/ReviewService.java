package dev.plughub.registry.reviews;

import dev.plughub.core.manifest.PluginId;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.catalog.CatalogCache;
import dev.plughub.registry.catalog.CatalogService;
import dev.plughub.registry.catalog.CatalogStore;
import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.http.PageRequest;
import dev.plughub.registry.http.Pagination;
import dev.plughub.registry.http.WholeNumbers;
import dev.plughub.registry.reviews.ReviewRequests.Submission;
import dev.plughub.registry.reviews.ReviewStore.ReviewRow;
import dev.plughub.registry.reviews.ReviewStore.Rows;
import dev.plughub.registry.reviews.ReviewViews.RatingPage;
import dev.plughub.registry.reviews.ReviewViews.ReviewPage;
import dev.plughub.registry.reviews.ReviewViews.Stats;
import dev.plughub.registry.reviews.ReviewViews.Summary;
import dev.plughub.registry.reviews.ReviewViews.VoteResult;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;

/**
 * Ratings and reviews — one record per user and plugin, seen as a rating (seed 001) or a review
 * (seed 003) — and helpful votes on reviews. Every change recomputes the plugin's average, count
 * and smoothed rating in its own write transaction, so they stay exact under concurrent ratings.
 * List pages are cached: dropped by every write here and, on PostgreSQL, by a write on another node
 * ({@link #invalidate}); at most {@link CatalogCache#FRESHNESS} old after changes made elsewhere in
 * this process (a plugin deleted or banned).
 */
public final class ReviewService {

    /** A rating or review after a submission, and whether the submission created it. */
    public record Saved(boolean created, String pluginId, ReviewRow row) {
    }

    /**
     * A list page as a key of the page cache. The generation is bumped by every write, so a page
     * loaded while a write commits is stored under an old key no later request looks at.
     */
    private record PageKey(long generation, String pluginId, String kind, ReviewStore.Order order, PageRequest page) {
    }

    /** A page may hold 100 reviews of 5,000 characters: few pages, kept one second, bound the memory. */
    private final Cache<PageKey, Object> pages = Caffeine.newBuilder()
            .maximumSize(500).expireAfterWrite(CatalogCache.FRESHNESS).build();
    private final AtomicLong generation = new AtomicLong();
    private final ReviewStore store;
    private final CatalogStore catalog;
    private final CatalogService catalogService;
    private final CatalogCache cache;
    private final Clock clock;

    public ReviewService(ReviewStore store, CatalogStore catalog, CatalogService catalogService, CatalogCache cache,
                         Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.catalogService = catalogService;
        this.cache = cache;
        this.clock = clock;
    }

    public RatingPage ratings(String pluginId, PageRequest page) {
        return (RatingPage) pages.get(new PageKey(generation.get(), pluginId, "ratings", ReviewStore.Order.NEWEST, page),
                key -> loadRatings(pluginId, page));
    }

    public ReviewPage reviews(String pluginId, ReviewStore.Order order, PageRequest page) {
        return (ReviewPage) pages.get(new PageKey(generation.get(), pluginId, "reviews", order, page),
                key -> loadReviews(pluginId, order, page));
    }

    private RatingPage loadRatings(String pluginId, PageRequest page) {
        PluginRow plugin = catalogService.requirePlugin(pluginId);
        Rows rows = store.page(plugin.pk(), ReviewStore.Order.NEWEST, page);
        return new RatingPage(rows.rows().stream().map(ReviewRow::ratingItem).toList(),
                Pagination.of(page, rows.summary().count()), Summary.of(rows.summary()));
    }

    private ReviewPage loadReviews(String pluginId, ReviewStore.Order order, PageRequest page) {
        PluginRow plugin = catalogService.requirePlugin(pluginId);
        Rows rows = store.page(plugin.pk(), order, page);
        return new ReviewPage(rows.rows().stream().map(r -> r.review(plugin.pluginId())).toList(),
                Pagination.of(page, rows.summary().count()), Stats.of(rows.summary()), Summary.of(rows.summary()));
    }

    /**
     * Creates the user's rating of a plugin, or updates it (fields the submission leaves out keep
     * their stored text). Owners cannot rate their own plugin; banned plugins cannot be rated.
     */
    public Saved submit(String pluginId, Principal principal, Submission submission) {
        requireUser(principal, "rate plugins");
        Instant now = clock.instant();
        Saved saved = catalog.inWriteTransaction(h -> {
            PluginRow plugin = rateablePlugin(h, pluginId);
            catalog.lockPlugin(h, plugin.pk());   // one user's two ratings at once: the second updates the first
            if (catalog.ownerIds(h, plugin.pk()).contains(principal.userId())) {
                throw ApiException.forbidden("Owners cannot rate their own plugin: you are an owner of " + plugin.pluginId());
            }
            var existing = store.find(h, plugin.pk(), principal.userId());
            long id;
            if (existing.isPresent()) {
                ReviewRow old = existing.get();
                id = old.id();
                store.update(h, id, submission.rating(), submission.title().applyTo(old.title()),
                        submission.text().applyTo(old.review()), now);
            } else {
                id = store.insert(h, plugin.pk(), principal.userId(), submission.rating(),
                        submission.title().value(), submission.text().value(), now);
            }
            store.refreshPlugin(h, plugin.pk());
            return new Saved(existing.isEmpty(), plugin.pluginId(), store.find(h, id).orElseThrow());
        });
        forget(saved.pluginId());
        return saved;
    }

    /** Records the user's helpful/unhelpful vote on another user's review of the plugin (changeable). */
    public VoteResult vote(String pluginId, String reviewIdText, Principal principal, boolean helpful) {
        requireUser(principal, "vote on reviews");
        long reviewId = parseId(reviewIdText);
        Instant now = clock.instant();
        VoteResult result = catalog.inWriteTransaction(h -> {
            PluginRow plugin = rateablePlugin(h, pluginId);
            ReviewRow review = store.find(h, reviewId).filter(r -> r.pluginPk() == plugin.pk())
                    .orElseThrow(() -> reviewNotFound(plugin.pluginId(), reviewIdText));
            if (review.author().id() == principal.userId()) {
                throw ApiException.forbidden("You cannot vote on your own review");
            }
            store.vote(h, review.id(), principal.userId(), helpful, now);
            ReviewRow after = store.find(h, review.id()).orElseThrow();
            return new VoteResult(after.id(), helpful ? "helpful" : "unhelpful", after.helpfulCount(),
                    after.unhelpfulCount());
        });
        forgetPages();
        return result;
    }

    /** After a committed rating change: the plugin's detail and lists, and every cached page of ratings. */
    private void forget(String pluginId) {
        forgetPages();
        cache.invalidate(pluginId);
    }

    /** Forgets every cached page (after a write on another node). */
    public void invalidate() {
        forgetPages();
    }

    private void forgetPages() {
        generation.incrementAndGet();
        pages.invalidateAll();
    }

    private PluginRow rateablePlugin(Handle h, String pluginId) {
        PluginRow plugin = (PluginId.isValid(pluginId) ? catalog.findPlugin(h, pluginId) : Optional.<PluginRow>empty())
                .filter(p -> p.deletedAt().isEmpty())
                .orElseThrow(() -> new ApiException(ErrorCode.PLUGIN_NOT_FOUND, CatalogService.PLUGIN_NOT_FOUND));
        if ("banned".equals(plugin.status())) {
            throw new ApiException(ErrorCode.PLUGIN_BANNED, "Plugin " + plugin.pluginId()
                    + " has been banned by the registry's moderators and can no longer be rated or reviewed",
                    Map.of("plugin_id", plugin.pluginId()));
        }
        return plugin;
    }

    /** Ratings belong to user accounts: the operator key acts for no user. */
    private static void requireUser(Principal principal, String what) {
        if (principal.operator()) {
            throw ApiException.forbidden("The operator key is not a user account and cannot " + what
                    + ": use a user's token");
        }
    }

    private static long parseId(String text) {
        try {
            long id = WholeNumbers.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // not a number: no such review
        }
        throw new ApiException(ErrorCode.REVIEW_NOT_FOUND, "Review not found: " + text);
    }

    private static ApiException reviewNotFound(String pluginId, String reviewId) {
        return new ApiException(ErrorCode.REVIEW_NOT_FOUND, "Review not found: plugin " + pluginId
                + " has no review " + reviewId, Map.of("plugin_id", pluginId, "review_id", reviewId));
    }
}
