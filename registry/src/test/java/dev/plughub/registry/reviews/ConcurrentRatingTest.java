package dev.plughub.registry.reviews;

import static dev.plughub.registry.reviews.Reviewing.publish;
import static dev.plughub.registry.reviews.Reviewing.rate;
import static dev.plughub.registry.reviews.Reviewing.register;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One user sending their first rating several times at once (a double click, a retrying client):
 * one rating is stored and every request is answered as a create or an update, never a 500. SQLite
 * gets this from its single writer; PostgreSQL from the plugin's row lock (Database.lockRow).
 */
class ConcurrentRatingTest extends RunningRegistry {

    @Test
    void simultaneous_first_ratings_by_one_user_store_one_rating() throws Exception {
        Reviewing.User user = register(api, "double-clicker");
        publish(api, files, "clicked", null);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 1; i <= 5; i++) {
                String body = "{\"rating\":" + i + "}";
                answers.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    return rate(api, "clicked", user, body);
                }));
            }
            go.countDown();
            for (Future<ApiResponse> answer : answers) {
                ApiResponse r = answer.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as("%s", r).isIn(200, 201);
            }
        }
        long created = answers.stream().filter(f -> f.resultNow().status() == 201).count();
        assertThat(created).as("answers that created the rating").isEqualTo(1);
        assertThat(api.get("/api/v1/plugins/clicked/ratings").json().at("/data/summary/total_ratings").asLong())
                .isEqualTo(1);
    }
}
