package dev.plughub.registry.reviews;

import static dev.plughub.registry.reviews.Reviewing.detail;
import static dev.plughub.registry.reviews.Reviewing.publish;
import static dev.plughub.registry.reviews.Reviewing.rate;
import static dev.plughub.registry.reviews.Reviewing.rated;
import static dev.plughub.registry.reviews.Reviewing.register;
import static dev.plughub.registry.reviews.Reviewing.review;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.reviews.Reviewing.User;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET|POST /api/v1/plugins/{id}/ratings} as seed 001 §6–7 shows them, and the detail's ratings. */
class RatingsTest extends RunningRegistry {

    static final String HOSTILE = "<script>alert('x')</script> <img src=x onerror=alert(1)> '; DROP TABLE ratings; -- & \"q\"";
    static final String UNICODE = "Très bien 👍 — 非常好用的插件 — отлично";

    static User owner;
    static User alice;
    static User bob;
    static User carol;

    @BeforeAll
    static void seed() throws Exception {
        owner = register(api, "plugin-owner");
        alice = register(api, "alice");
        bob = register(api, "bob");
        carol = register(api, "carol");
        for (String id : List.of("create-update", "bad-input", "auth-rules", "listed", "text-kept", "detailed", "banned-one", "hostile-text")) {
            publish(api, files, id, owner);
        }
    }

    @Test
    void the_first_rating_is_created_and_the_second_updates_it() {
        ApiResponse created = rate(api, "create-update", alice, "{\"rating\":5,\"review\":\"Great plugin, highly recommended!\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("message").asText()).isEqualTo("Rating created successfully");
        JsonNode first = created.json().get("data");
        assertThat(first.get("plugin_id").asText()).isEqualTo("create-update");
        assertThat(first.get("user_id").asLong()).isEqualTo(alice.id());
        assertThat(first.get("rating").asInt()).isEqualTo(5);
        assertThat(first.get("review").asText()).isEqualTo("Great plugin, highly recommended!");

        assertThat(api.get("/api/v1/plugins/create-update/ratings").json().at("/data/summary/average_rating").asDouble())
                .isEqualTo(5.0);
        ApiResponse updated = rate(api, "create-update", alice, "{\"rating\":4,\"review\":\"Updated my review after using it more.\"}");
        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        assertThat(updated.json().get("message").asText()).isEqualTo("Rating updated successfully");
        JsonNode second = updated.json().get("data");
        assertThat(second.get("id").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(second.get("rating").asInt()).isEqualTo(4);
        assertThat(second.get("review").asText()).isEqualTo("Updated my review after using it more.");
        assertThat(second.get("created_at").asText()).isEqualTo(first.get("created_at").asText());

        JsonNode list = api.get("/api/v1/plugins/create-update/ratings").json().get("data");
        assertThat(list.get("ratings")).hasSize(1);
        assertThat(list.at("/summary/total_ratings").asLong()).isEqualTo(1);
        assertThat(list.at("/summary/average_rating").asDouble()).isEqualTo(4.0);
        JsonNode plugin = detail(api, "create-update");
        assertThat(plugin.get("rating").asDouble()).isEqualTo(4.0);
        assertThat(plugin.get("rating_count").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "6", "-1", "100000000000000000000"})
    void a_rating_outside_1_to_5_is_refused(String rating) {
        ApiResponse r = rate(api, "bad-input", bob, "{\"rating\":" + rating + "}");
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.json().get("error").asText()).isEqualTo("Validation failed");
        assertThat(r.json().at("/details/rating/0").asText()).isEqualTo("Rating must be between 1 and 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.5", "\"five\"", "\"5\"", "null", "true", "[5]", "{}"})
    void a_rating_that_is_not_a_whole_number_is_refused(String rating) {
        ApiResponse r = rate(api, "bad-input", bob, "{\"rating\":" + rating + "}");
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().at("/details/rating/0").asText()).contains("Rating").contains("1 to 5");
        assertThat(names(api.get("/api/v1/plugins/bad-input/ratings").json().at("/data/ratings"))).doesNotContain("bob");
    }

    @Test
    void a_missing_rating_is_refused() {
        ApiResponse r = rate(api, "bad-input", bob, "{\"review\":\"no stars\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().at("/details/rating/0").asText()).isEqualTo("Rating is required: a whole number from 1 to 5");
    }

    @Test
    void a_review_of_1001_characters_is_refused_and_one_of_1000_is_taken() {
        ApiResponse tooLong = rate(api, "bad-input", bob, "{\"rating\":3,\"review\":\"" + "a".repeat(1001) + "\"}");
        assertThat(tooLong.status()).as("%s", tooLong).isEqualTo(422);
        assertThat(tooLong.json().at("/details/review/0").asText()).isEqualTo("Review cannot exceed 1000 characters");
        assertThat(tooLong.json().get("details").has("rating")).isFalse();

        // characters, not bytes or UTF-16 units: 1,000 emoji fit
        ApiResponse fits = rate(api, "bad-input", carol, "{\"rating\":3,\"review\":\"" + "🚀".repeat(1000) + "\"}");
        assertThat(fits.status()).as("%s", fits).isEqualTo(201);
    }

    @Test
    void both_broken_fields_are_reported_at_once() {
        ApiResponse r = rate(api, "bad-input", bob, "{\"rating\":0,\"review\":\"" + "x".repeat(1001) + "\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().at("/details/rating/0").asText()).isEqualTo("Rating must be between 1 and 5");
        assertThat(r.json().at("/details/review/0").asText()).isEqualTo("Review cannot exceed 1000 characters");
    }

    @Test
    void a_body_that_is_not_a_json_object_is_a_400() {
        for (String body : List.of("not json", "[1,2]", "5")) {
            ApiResponse r = rate(api, "bad-input", bob, body);
            assertThat(r.status()).as("%s", r).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("INVALID_JSON");
        }
    }

    @Test
    void rating_needs_a_user_with_the_review_scope_who_does_not_own_the_plugin() {
        ApiResponse anonymous = api.postJson("/api/v1/plugins/auth-rules/ratings", "{\"rating\":5}");
        assertThat(anonymous.status()).as("%s", anonymous).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");

        ApiResponse operator = api.postJson("/api/v1/plugins/auth-rules/ratings", "{\"rating\":5}", Reviewing.OPERATOR);
        assertThat(operator.status()).as("%s", operator).isEqualTo(403);
        assertThat(operator.json().get("error").asText()).contains("operator key is not a user");

        ApiResponse own = rate(api, "auth-rules", owner, "{\"rating\":5}");
        assertThat(own.status()).as("%s", own).isEqualTo(403);
        assertThat(own.json().get("error").asText()).contains("Owners cannot rate their own plugin");

        ApiResponse token = api.request("POST", "/api/v1/tokens").headers(bob.bearer())
                .json("{\"name\":\"publish only\",\"scopes\":[\"publish\"]}").send();
        assertThat(token.status()).as("%s", token).isEqualTo(201);
        ApiResponse noScope = api.request("POST", "/api/v1/plugins/auth-rules/ratings")
                .bearer(token.json().at("/data/token").asText()).json("{\"rating\":5}").send();
        assertThat(noScope.status()).as("%s", noScope).isEqualTo(403);
        assertThat(noScope.json().get("error").asText()).contains("review scope");

        assertThat(api.get("/api/v1/plugins/auth-rules/ratings").json().at("/data/summary/total_ratings").asLong()).isZero();
    }

    @Test
    void an_unknown_plugin_is_404_and_a_banned_one_403() throws Exception {
        for (String id : List.of("no-such-plugin", "Not A Valid Id")) {
            ApiResponse r = api.request("POST", "/api/v1/plugins/" + id.replace(" ", "%20") + "/ratings")
                    .headers(alice.bearer()).json("{\"rating\":5}").send();
            assertThat(r.status()).as("%s", r).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
        }
        assertThat(api.get("/api/v1/plugins/no-such-plugin/ratings").status()).isEqualTo(404);

        Reviewing.setStatus(data, "banned-one", "banned");
        ApiResponse banned = rate(api, "banned-one", alice, "{\"rating\":1}");
        assertThat(banned.status()).as("%s", banned).isEqualTo(403);
        assertThat(banned.json().get("code").asText()).isEqualTo("PLUGIN_BANNED");
        ApiResponse bannedReview = review(api, "banned-one", alice, "{\"rating\":1,\"title\":\"t\"}");
        assertThat(bannedReview.json().get("code").asText()).isEqualTo("PLUGIN_BANNED");
    }

    @Test
    void the_list_is_newest_first_paginated_with_a_summary_of_all_ratings() throws Exception {
        rated(api, "listed", alice, 5);
        Thread.sleep(5);
        rated(api, "listed", bob, 4);
        Thread.sleep(5);
        rated(api, "listed", carol, 4);

        JsonNode page1 = api.get("/api/v1/plugins/listed/ratings?page=1&limit=2").json().get("data");
        assertThat(names(page1.get("ratings"))).containsExactly("carol", "bob");
        JsonNode first = page1.get("ratings").get(0);
        assertThat(first.at("/user/id").asLong()).isEqualTo(carol.id());
        assertThat(first.at("/user/display_name").asText()).isEqualTo("Name of carol");
        assertThat(first.get("review").isNull()).isTrue();
        assertThat(page1.get("pagination").toString()).isEqualTo("{\"page\":1,\"limit\":2,\"total\":3,\"pages\":2}");
        assertThat(page1.at("/summary/average_rating").asDouble()).isEqualTo(4.33);
        assertThat(page1.at("/summary/total_ratings").asLong()).isEqualTo(3);
        assertThat(page1.at("/summary/rating_distribution").toString())
                .isEqualTo("{\"5\":1,\"4\":2,\"3\":0,\"2\":0,\"1\":0}");

        JsonNode page2 = api.get("/api/v1/plugins/listed/ratings?page=2&limit=2").json().get("data");
        assertThat(names(page2.get("ratings"))).containsExactly("alice");

        assertThat(api.get("/api/v1/plugins/listed/ratings?page=0").status()).isEqualTo(422);
    }

    @Test
    void html_script_and_unicode_are_stored_verbatim_and_returned_as_data() {
        ApiResponse r = review(api, "hostile-text", alice, "{\"rating\":2,\"title\":" + json(HOSTILE) + ",\"comment\":"
                + json(UNICODE + " " + HOSTILE) + "}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        JsonNode review = api.get("/api/v1/plugins/hostile-text/reviews").json().at("/data/reviews/0");
        assertThat(review.get("title").asText()).isEqualTo(HOSTILE);
        assertThat(review.get("comment").asText()).isEqualTo(UNICODE + " " + HOSTILE);
        JsonNode rating = api.get("/api/v1/plugins/hostile-text/ratings").json().at("/data/ratings/0");
        assertThat(rating.get("review").asText()).isEqualTo(UNICODE + " " + HOSTILE);
    }

    @Test
    void a_rating_is_a_review_and_a_review_is_a_rating() {
        ApiResponse viaReviews = review(api, "text-kept", bob, "{\"rating\":5,\"title\":\"Solid\",\"comment\":\"Works well\"}");
        assertThat(viaReviews.status()).as("%s", viaReviews).isEqualTo(201);
        assertThat(viaReviews.json().get("message").asText()).isEqualTo("Review created successfully");
        long id = viaReviews.json().at("/data/id").asLong();

        ApiResponse viaRatings = rate(api, "text-kept", bob, "{\"rating\":4,\"review\":\"Works well, mostly\"}");
        assertThat(viaRatings.status()).as("a second submission through the other route updates").isEqualTo(200);
        assertThat(viaRatings.json().at("/data/id").asLong()).isEqualTo(id);

        JsonNode review = find(api.get("/api/v1/plugins/text-kept/reviews").json().at("/data/reviews"), id);
        assertThat(review.get("rating").asInt()).isEqualTo(4);
        assertThat(review.get("comment").asText()).isEqualTo("Works well, mostly");
        assertThat(review.get("title").asText()).as("a field the update left out keeps its text").isEqualTo("Solid");

        ApiResponse cleared = review(api, "text-kept", bob, "{\"rating\":4,\"title\":null}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().at("/data/title").isNull()).isTrue();
        assertThat(cleared.json().at("/data/comment").asText()).isEqualTo("Works well, mostly");
    }

    @Test
    void the_detail_shows_the_five_newest_ratings_and_the_distribution() throws Exception {
        List<User> raters = register(api, "detail-rater", 6);
        int[] stars = {1, 2, 3, 4, 5, 5};
        for (int i = 0; i < raters.size(); i++) {
            rate(api, "detailed", raters.get(i), "{\"rating\":" + stars[i] + ",\"review\":\"review " + i + "\"}");
            Thread.sleep(5);
        }
        JsonNode plugin = detail(api, "detailed");
        assertThat(plugin.get("rating_distribution").toString()).isEqualTo("{\"5\":2,\"4\":1,\"3\":1,\"2\":1,\"1\":1}");
        assertThat(plugin.get("rating_count").asLong()).isEqualTo(6);
        assertThat(plugin.get("rating").asDouble()).isEqualTo(3.33);
        JsonNode recent = plugin.get("recent_ratings");
        assertThat(recent).hasSize(5);
        assertThat(recent.get(0).get("review").asText()).isEqualTo("review 5");
        assertThat(recent.get(0).at("/user/username").asText()).isEqualTo("detail-rater-5");
        assertThat(recent.get(0).at("/user/display_name").asText()).isEqualTo("Name of detail-rater-5");
        assertThat(recent.get(0).get("rating").asInt()).isEqualTo(5);
        assertThat(recent.get(4).get("review").asText()).isEqualTo("review 1");
    }

    static List<String> names(JsonNode ratings) {
        List<String> names = new ArrayList<>();
        ratings.forEach(r -> names.add(r.at("/user/username").asText()));
        return names;
    }

    static JsonNode find(JsonNode items, long id) {
        for (JsonNode item : items) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + items);
    }

    static String json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
