package dev.plughub.registry.reviews;

import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.accounts.TokenScope;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.JsonBodies;
import dev.plughub.registry.http.PageRequest;
import dev.plughub.registry.reviews.ReviewService.Saved;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET|POST /api/v1/plugins/{id}/ratings} (seed 001 §6–7), {@code GET|POST
 * /api/v1/plugins/{id}/reviews} and {@code POST /api/v1/plugins/{id}/reviews/{review_id}/vote}
 * (seed 003). Reading is public; writing needs a user's token with the review scope.
 */
public final class ReviewRoutes {

    private final ReviewService reviews;
    private final Authenticator authenticator;

    public ReviewRoutes(ReviewService reviews, Authenticator authenticator) {
        this.reviews = reviews;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/plugins/{id}/ratings", ctx ->
                ctx.json(Envelope.of(reviews.ratings(ctx.pathParam("id"), PageRequest.from(ctx)))));
        routes.post("/api/v1/plugins/{id}/ratings", this::rate);
        routes.get("/api/v1/plugins/{id}/reviews", ctx ->
                ctx.json(Envelope.of(reviews.reviews(ctx.pathParam("id"), order(ctx), PageRequest.from(ctx)))));
        routes.post("/api/v1/plugins/{id}/reviews", this::review);
        routes.post("/api/v1/plugins/{id}/reviews/{review_id}/vote", this::vote);
    }

    private void rate(Context ctx) {
        Principal principal = authenticator.require(ctx, TokenScope.REVIEW);
        Saved saved = reviews.submit(ctx.pathParam("id"), principal, ReviewRequests.rating(JsonBodies.read(ctx)));
        ctx.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).json(Envelope.of(
                saved.created() ? "Rating created successfully" : "Rating updated successfully",
                saved.row().saved(saved.pluginId())));
    }

    private void review(Context ctx) {
        Principal principal = authenticator.require(ctx, TokenScope.REVIEW);
        Saved saved = reviews.submit(ctx.pathParam("id"), principal, ReviewRequests.review(JsonBodies.read(ctx)));
        ctx.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).json(Envelope.of(
                saved.created() ? "Review created successfully" : "Review updated successfully",
                saved.row().review(saved.pluginId())));
    }

    private void vote(Context ctx) {
        Principal principal = authenticator.require(ctx, TokenScope.REVIEW);
        boolean helpful = ReviewRequests.vote(JsonBodies.read(ctx));
        ctx.json(Envelope.of("Vote recorded", reviews.vote(ctx.pathParam("id"), ctx.pathParam("review_id"),
                principal, helpful)));
    }

    private static ReviewStore.Order order(Context ctx) {
        String sort = ctx.queryParam("sort");
        if (sort == null || sort.isBlank()) {
            return ReviewStore.Order.NEWEST;
        }
        return switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "newest", "recent", "created_at" -> ReviewStore.Order.NEWEST;
            case "helpful", "most_helpful" -> ReviewStore.Order.HELPFUL;
            default -> throw ApiException.validation(Map.of("sort", List.of("sort must be one of: newest, helpful")));
        };
    }
}
