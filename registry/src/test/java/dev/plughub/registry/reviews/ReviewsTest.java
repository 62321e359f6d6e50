package dev.plughub.registry.reviews;

import static dev.plughub.registry.reviews.Reviewing.publish;
import static dev.plughub.registry.reviews.Reviewing.register;
import static dev.plughub.registry.reviews.Reviewing.review;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.reviews.Reviewing.User;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 003's reviews: titles and comments, helpful votes, sorting by newest and by most helpful. */
class ReviewsTest extends RunningRegistry {

    static User owner;
    static List<User> users;

    @BeforeAll
    static void seed() throws Exception {
        owner = register(api, "reviewed-owner");
        users = register(api, "reviewer", 5);
        for (String id : List.of("voted", "sorted", "limits", "other")) {
            publish(api, files, id, owner);
        }
    }

    private static long reviewed(String pluginId, User user, int stars, String title) {
        ApiResponse r = review(api, pluginId, user, "{\"rating\":" + stars + ",\"title\":\"" + title + "\",\"comment\":\"c\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().at("/data/id").asLong();
    }

    private static ApiResponse vote(String pluginId, Object reviewId, User user, String body) {
        return api.request("POST", "/api/v1/plugins/" + pluginId + "/reviews/" + reviewId + "/vote")
                .headers(user.bearer()).json(body).send();
    }

    @Test
    void a_review_answers_with_seed_003s_fields() {
        ApiResponse r = review(api, "limits", users.get(4), "{\"rating\":5,\"title\":\"Great\",\"comment\":\"Does the job\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode review = r.json().get("data");
        for (String field : List.of("id", "user", "rating", "title", "comment", "helpful_count", "unhelpful_count",
                "created_at", "updated_at")) {
            assertThat(review.has(field)).as(field).isTrue();
        }
        assertThat(review.at("/user/username").asText()).isEqualTo("reviewer-4");
        assertThat(review.get("helpful_count").asLong()).isZero();
    }

    @Test
    void votes_count_once_per_user_and_can_be_changed() {
        long id = reviewed("voted", users.get(0), 4, "Nice");

        ApiResponse first = vote("voted", id, users.get(1), "{\"helpful\":true}");
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().at("/data/helpful_count").asLong()).isEqualTo(1);
        assertThat(first.json().at("/data/unhelpful_count").asLong()).isZero();

        ApiResponse again = vote("voted", id, users.get(1), "{\"helpful\":true}");
        assertThat(again.json().at("/data/helpful_count").asLong()).as("one vote per user").isEqualTo(1);

        ApiResponse changed = vote("voted", id, users.get(1), "{\"vote\":\"unhelpful\"}");
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json().at("/data/helpful_count").asLong()).isZero();
        assertThat(changed.json().at("/data/unhelpful_count").asLong()).isEqualTo(1);
        assertThat(changed.json().at("/data/vote").asText()).isEqualTo("unhelpful");

        vote("voted", id, users.get(2), "{\"vote\":\"helpful\"}");
        vote("voted", id, users.get(3), "{\"helpful\":true}");
        JsonNode review = api.get("/api/v1/plugins/voted/reviews").json().at("/data/reviews/0");
        assertThat(review.get("helpful_count").asLong()).isEqualTo(2);
        assertThat(review.get("unhelpful_count").asLong()).isEqualTo(1);
    }

    @Test
    void voting_on_ones_own_review_is_refused() {
        long id = reviewed("other", users.get(0), 3, "Mine");
        ApiResponse r = vote("other", id, users.get(0), "{\"helpful\":true}");
        assertThat(r.status()).as("%s", r).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("You cannot vote on your own review");
    }

    @Test
    void voting_on_a_review_that_is_not_there_is_404() {
        long id = reviewed("other", users.get(1), 3, "Theirs");
        for (Object reviewId : List.of(999_999, "abc", -1)) {
            ApiResponse r = vote("other", reviewId, users.get(2), "{\"helpful\":true}");
            assertThat(r.status()).as("%s", r).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("REVIEW_NOT_FOUND");
        }
        ApiResponse elsewhere = vote("voted", id, users.get(2), "{\"helpful\":true}");
        assertThat(elsewhere.status()).as("a review of another plugin is not this plugin's").isEqualTo(404);
        assertThat(elsewhere.json().get("code").asText()).isEqualTo("REVIEW_NOT_FOUND");
        ApiResponse noPlugin = vote("no-such-plugin", id, users.get(2), "{\"helpful\":true}");
        assertThat(noPlugin.json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
    }

    @Test
    void a_vote_must_say_helpful_or_unhelpful_and_needs_a_user() {
        long id = reviewed("other", users.get(3), 2, "Meh");
        for (String body : List.of("{}", "{\"helpful\":\"yes\"}", "{\"vote\":\"maybe\"}")) {
            ApiResponse r = vote("other", id, users.get(4), body);
            assertThat(r.status()).as("%s", r).isEqualTo(422);
        }
        ApiResponse anonymous = api.postJson("/api/v1/plugins/other/reviews/" + id + "/vote", "{\"helpful\":true}");
        assertThat(anonymous.status()).isEqualTo(401);
        ApiResponse operator = api.postJson("/api/v1/plugins/other/reviews/" + id + "/vote", "{\"helpful\":true}",
                Reviewing.OPERATOR);
        assertThat(operator.status()).isEqualTo(403);
    }

    @Test
    void reviews_sort_by_newest_and_by_most_helpful() throws Exception {
        long a = reviewed("sorted", users.get(0), 5, "A");
        Thread.sleep(5);
        long b = reviewed("sorted", users.get(1), 4, "B");
        Thread.sleep(5);
        long c = reviewed("sorted", users.get(2), 3, "C");
        // a: +2, b: +1 -1 = 0, c: -1
        vote("sorted", a, users.get(3), "{\"helpful\":true}");
        vote("sorted", a, users.get(4), "{\"helpful\":true}");
        vote("sorted", b, users.get(3), "{\"helpful\":true}");
        vote("sorted", b, users.get(4), "{\"helpful\":false}");
        vote("sorted", c, users.get(3), "{\"helpful\":false}");

        assertThat(titles(api.get("/api/v1/plugins/sorted/reviews").json())).containsExactly("C", "B", "A");
        assertThat(titles(api.get("/api/v1/plugins/sorted/reviews?sort=newest").json())).containsExactly("C", "B", "A");
        assertThat(titles(api.get("/api/v1/plugins/sorted/reviews?sort=helpful").json())).containsExactly("A", "B", "C");

        JsonNode page = api.get("/api/v1/plugins/sorted/reviews?sort=helpful&limit=1&page=2").json().get("data");
        assertThat(titles(page)).containsExactly("B");
        assertThat(page.at("/pagination/total").asLong()).isEqualTo(3);
        assertThat(page.at("/stats/total_reviews").asLong()).isEqualTo(3);
        assertThat(page.at("/stats/average_rating").asDouble()).isEqualTo(4.0);
        assertThat(page.at("/stats/rating_distribution").toString()).isEqualTo("{\"5\":1,\"4\":1,\"3\":1,\"2\":0,\"1\":0}");

        ApiResponse bad = api.get("/api/v1/plugins/sorted/reviews?sort=best");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/details/sort/0").asText()).isEqualTo("sort must be one of: newest, helpful");
    }

    @Test
    void titles_and_comments_have_limits() {
        ApiResponse r = review(api, "limits", users.get(0), "{\"rating\":6,\"title\":\"" + "t".repeat(201)
                + "\",\"comment\":\"" + "c".repeat(5001) + "\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().at("/details/rating/0").asText()).isEqualTo("Rating must be between 1 and 5");
        assertThat(r.json().at("/details/title/0").asText()).isEqualTo("Title cannot exceed 200 characters");
        assertThat(r.json().at("/details/comment/0").asText()).isEqualTo("Comment cannot exceed 5000 characters");

        ApiResponse fits = review(api, "limits", users.get(0), "{\"rating\":1,\"title\":\"" + "t".repeat(200)
                + "\",\"comment\":\"" + "c".repeat(5000) + "\"}");
        assertThat(fits.status()).as("%s", fits).isEqualTo(201);
    }

    private static List<String> titles(JsonNode answer) {
        JsonNode reviews = answer.has("data") ? answer.at("/data/reviews") : answer.get("reviews");
        List<String> titles = new java.util.ArrayList<>();
        reviews.forEach(r -> titles.add(r.get("title").asText()));
        return titles;
    }
}
