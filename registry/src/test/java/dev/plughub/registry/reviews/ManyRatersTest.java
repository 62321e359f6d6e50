package dev.plughub.registry.reviews;

import static dev.plughub.registry.reviews.Reviewing.detail;
import static dev.plughub.registry.reviews.Reviewing.publish;
import static dev.plughub.registry.reviews.Reviewing.rate;
import static dev.plughub.registry.reviews.Reviewing.rated;
import static dev.plughub.registry.reviews.Reviewing.register;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.reviews.Reviewing.User;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many users at once: exact averages under concurrent ratings, and the smoothed rating lists sort by. */
class ManyRatersTest extends RunningRegistry {

    static List<User> users;

    @BeforeAll
    static void seed() throws Exception {
        users = register(api, "rater", 50);
        for (String id : List.of("crowded", "one-five", "many-good", "unrated", "one-one")) {
            publish(api, files, id, null);
        }
    }

    @Test
    void fifty_users_rating_at_once_leave_an_exact_average_count_and_distribution() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        long sum = 0;
        long[] perStar = new long[6];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < users.size(); i++) {
                int stars = i % 5 + 1 == 5 || i % 3 == 0 ? 5 : i % 5 + 1;
                sum += stars;
                perStar[stars]++;
                User user = users.get(i);
                answers.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    // each rates twice: the second is an update of the first, never a second rating
                    rate(api, "crowded", user, "{\"rating\":1}");
                    return rate(api, "crowded", user, "{\"rating\":" + stars + ",\"review\":\"by " + user.username() + "\"}");
                }));
            }
            go.countDown();
            for (Future<ApiResponse> f : answers) {
                ApiResponse r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as("%s", r).isEqualTo(200);
            }
        }
        double average = Math.round(sum * 100.0 / users.size()) / 100.0;
        JsonNode summary = api.get("/api/v1/plugins/crowded/ratings?limit=100").json().at("/data/summary");
        assertThat(summary.get("total_ratings").asLong()).isEqualTo(50);
        assertThat(summary.get("average_rating").asDouble()).isEqualTo(average);
        for (int stars = 1; stars <= 5; stars++) {
            assertThat(summary.at("/rating_distribution/" + stars).asLong()).as("%d stars", stars).isEqualTo(perStar[stars]);
        }
        JsonNode plugin = detail(api, "crowded");
        assertThat(plugin.get("rating_count").asLong()).isEqualTo(50);
        assertThat(plugin.get("rating").asDouble()).isEqualTo(average);
        assertThat(plugin.get("rating_distribution")).isEqualTo(summary.get("rating_distribution"));
        assertThat(api.get("/api/v1/plugins/crowded/ratings?limit=100").json().at("/data/ratings")).hasSize(50);
    }

    @Test
    void the_rating_sort_uses_the_smoothed_rating_while_answers_show_the_plain_average() {
        rated(api, "one-five", users.get(0), 5);
        rated(api, "one-one", users.get(0), 1);
        for (int i = 0; i < 20; i++) {
            rated(api, "many-good", users.get(i), i < 16 ? 5 : 4); // 96 / 20 = 4.8
        }
        JsonNode plugins = api.get("/api/v1/plugins?sort=rating&limit=100").json().at("/data/plugins");
        List<String> order = new ArrayList<>();
        plugins.forEach(p -> {
            if (List.of("one-five", "many-good", "unrated", "one-one").contains(p.get("id").asText())) {
                order.add(p.get("id").asText());
            }
        });
        // smoothed: many-good (30 + 96) / 30 = 4.2, one-five 35 / 11 = 3.18, unrated 3.0, one-one 31 / 11 = 2.82
        assertThat(order).containsExactly("many-good", "one-five", "unrated", "one-one");
        for (JsonNode p : plugins) {
            switch (p.get("id").asText()) {
                case "one-five" -> assertThat(p.get("rating").asDouble()).isEqualTo(5.0);
                case "many-good" -> {
                    assertThat(p.get("rating").asDouble()).isEqualTo(4.8);
                    assertThat(p.get("rating_count").asLong()).isEqualTo(20);
                }
                case "unrated" -> assertThat(p.get("rating").asDouble()).isZero();
                default -> { }
            }
        }
        JsonNode ascending = api.get("/api/v1/plugins?sort=rating&order=asc&limit=100").json().at("/data/plugins");
        List<String> up = new ArrayList<>();
        ascending.forEach(p -> {
            if (order.contains(p.get("id").asText())) {
                up.add(p.get("id").asText());
            }
        });
        assertThat(up).containsExactly("one-one", "unrated", "one-five", "many-good");
    }
}
