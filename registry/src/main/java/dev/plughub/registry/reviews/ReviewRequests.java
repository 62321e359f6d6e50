package dev.plughub.registry.reviews;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.FieldErrors;
import dev.plughub.registry.http.JsonBodies;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON bodies of ratings, reviews and votes, read and checked: every broken rule is reported at
 * once, per field (422, seed 001's messages), and a body that is not a JSON object is a 400.
 */
public final class ReviewRequests {

    public static final int REVIEW_MAX = 1_000;
    public static final int TITLE_MAX = 200;
    public static final int COMMENT_MAX = 5_000;
    static final String RATING_RANGE = "Rating must be between 1 and 5";


    private ReviewRequests() {
    }

    /**
     * A text field of a submission: {@code given} false when the request left it out (an update
     * keeps the stored text), else the new text (empty for JSON null, which clears it).
     */
    public record Change(boolean given, Optional<String> value) {
        static final Change KEEP = new Change(false, Optional.empty());

        Optional<String> applyTo(Optional<String> stored) {
            return given ? value : stored;
        }
    }

    /** A rating or review to create or update. {@code text} is the review (seed 001) = the comment (seed 003). */
    public record Submission(int rating, Change title, Change text) {
    }

    /** {@code POST /ratings}: {"rating": 1..5, "review"?: ≤ 1,000 characters}. */
    public static Submission rating(byte[] body) {
        Fields f = new Fields(JsonBodies.requireObject(body));
        Optional<Integer> rating = f.rating();
        Change review = f.text("review", REVIEW_MAX, "Review cannot exceed " + REVIEW_MAX + " characters");
        f.throwIfAny();
        return new Submission(rating.orElseThrow(), Change.KEEP, review);
    }

    /** {@code POST /reviews}: {"rating": 1..5, "title"?: ≤ 200, "comment"?: ≤ 5,000 characters}. */
    public static Submission review(byte[] body) {
        Fields f = new Fields(JsonBodies.requireObject(body));
        Optional<Integer> rating = f.rating();
        Change title = f.text("title", TITLE_MAX, "Title cannot exceed " + TITLE_MAX + " characters");
        String commentField = f.has("comment") || !f.has("review") ? "comment" : "review";
        Change comment = f.text(commentField, COMMENT_MAX, "Comment cannot exceed " + COMMENT_MAX + " characters");
        f.throwIfAny();
        return new Submission(rating.orElseThrow(), title, comment);
    }

    /** A vote: {"helpful": true|false}, or {"vote": "helpful"|"unhelpful"}; answers whether it is helpful. */
    public static boolean vote(byte[] body) {
        JsonNode request = JsonBodies.requireObject(body);
        JsonNode helpful = request.get("helpful");
        if (helpful != null && helpful.isBoolean()) {
            return helpful.asBoolean();
        }
        JsonNode vote = request.get("vote");
        if ((helpful == null || helpful.isNull()) && vote != null && vote.isTextual()) {
            switch (vote.asText().strip().toLowerCase(Locale.ROOT)) {
                case "helpful", "up" -> {
                    return true;
                }
                case "unhelpful", "not_helpful", "down" -> {
                    return false;
                }
                default -> { }
            }
        }
        String field = helpful == null && vote != null ? "vote" : "helpful";
        throw ApiException.validation(Map.of(field, List.of(
                "Send {\"helpful\": true} or {\"helpful\": false} (or {\"vote\": \"helpful\"} / {\"vote\": \"unhelpful\"})")));
    }

    private static final class Fields extends FieldErrors {
        private final JsonNode object;

        Fields(JsonNode object) {
            this.object = object;
        }

        boolean has(String name) {
            return object.has(name);
        }

        /** A whole number from 1 to 5 (5.0 counts as 5; 4.5, "five", true and null do not). */
        Optional<Integer> rating() {
            JsonNode node = object.get("rating");
            if (node == null || node.isNull()) {
                error("rating", "Rating is required: a whole number from 1 to 5");
                return Optional.empty();
            }
            if (!node.isNumber()) {
                error("rating", "Rating must be a whole number from 1 to 5, not " + describe(node));
                return Optional.empty();
            }
            double value = node.doubleValue();
            if (value != Math.rint(value)) {
                error("rating", "Rating must be a whole number from 1 to 5, not " + node.asText());
                return Optional.empty();
            }
            if (value < 1 || value > 5) {
                error("rating", RATING_RANGE);
                return Optional.empty();
            }
            return Optional.of((int) value);
        }

        Change text(String name, int max, String tooLong) {
            JsonNode node = object.get(name);
            if (node == null) {
                return Change.KEEP;
            }
            if (node.isNull()) {
                return new Change(true, Optional.empty());
            }
            if (!node.isTextual()) {
                error(name, capitalized(name) + " must be a string, not " + describe(node));
                return Change.KEEP;
            }
            String text = node.asText();
            if (text.codePointCount(0, text.length()) > max) {
                error(name, tooLong);
                return Change.KEEP;
            }
            return new Change(true, Optional.of(text));
        }

        private static String describe(JsonNode node) {
            return switch (node.getNodeType()) {
                case STRING -> "a string";
                case BOOLEAN -> "a boolean";
                case ARRAY -> "a list";
                case OBJECT -> "an object";
                default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
            };
        }

        private static String capitalized(String name) {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
    }
}
