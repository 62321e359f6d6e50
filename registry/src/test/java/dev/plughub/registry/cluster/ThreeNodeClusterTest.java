package dev.plughub.registry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.ratelimit.RateLimits;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three registry nodes sharing one PostgreSQL database and one S3 bucket: whatever one node is told,
 * the others answer with as soon as the call has returned; the database decides every race; rate
 * limits count across nodes. Every read below goes to a node whose caches held the old answer.
 */
class ThreeNodeClusterTest {

    /** Only ratings are limited (per user), so the other tests' many requests from 127.0.0.1 pass. */
    private static final int RATINGS_PER_HOUR = 3;

    @TempDir
    static Path root;
    @TempDir
    Path files;
    static Cluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start(root, 3, c -> c.withRateLimits(new RateLimits(0, 0, 0, RATINGS_PER_HOUR)));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void a_publish_on_one_node_is_read_and_downloaded_on_the_others_at_once() throws Exception {
        Path zip = TestPackages.plugin("everywhere", "1.0.0").description("seen on every node").zip(files);
        for (int n = 1; n <= 2; n++) {   // the other nodes have cached "no such plugin" and an empty search
            assertThat(cluster.api(n).get("/api/v1/plugins/everywhere").status()).isEqualTo(404);
            assertThat(total(cluster.api(n).get("/api/v1/plugins?search=everywhere"))).isZero();
            assertThat(cluster.api(n).get("/api/v1/plugins/everywhere/download").status()).isEqualTo(404);
        }

        Publisher.published(cluster.api(0), zip);

        for (int n = 1; n <= 2; n++) {
            Api api = cluster.api(n);
            JsonNode detail = api.get("/api/v1/plugins/everywhere").json().get("data");
            assertThat(detail.get("current_version").asText()).isEqualTo("1.0.0");
            assertThat(total(api.get("/api/v1/plugins?search=everywhere"))).isEqualTo(1);
            ApiResponse download = api.get("/api/v1/plugins/everywhere/download");
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(Files.readAllBytes(zip));
        }
    }

    @Test
    void downloads_counted_by_different_nodes_add_up_exactly() throws Exception {
        Publisher.published(cluster.api(0), TestPackages.plugin("counted", "1.0.0").zip(files));
        int perNode = 4;
        for (int n = 0; n < cluster.size(); n++) {
            for (int u = 0; u < perNode; u++) {   // a user each: de-duplication keeps one download per user and hour
                String token = Accounts.register(cluster.api(n), "counter-" + n + "-" + u);
                assertThat(cluster.api(n).get("/api/v1/plugins/counted/download", "Authorization", "Bearer " + token)
                        .status()).isEqualTo(200);
            }
        }
        long expected = (long) perNode * cluster.size();

        // each node flushes its own batch every 2 s; wait until all three have landed, then for no more
        long deadline = System.nanoTime() + 20_000_000_000L;
        long total = 0;
        while (System.nanoTime() < deadline) {
            total = cluster.api(1).get("/api/v1/plugins/counted/stats").json().path("data").path("total_downloads").asLong();
            if (total >= expected) {
                break;
            }
            Thread.sleep(200);
        }
        Thread.sleep(2_500);

        for (int n = 0; n < cluster.size(); n++) {
            JsonNode stats = cluster.api(n).get("/api/v1/plugins/counted/stats").json().path("data");
            assertThat(stats.path("total_downloads").asLong()).as("node %d", n).isEqualTo(expected);
            assertThat(stats.path("version_downloads").path("1.0.0").asLong()).as("node %d", n).isEqualTo(expected);
        }
    }

    @Test
    void one_client_downloading_through_every_node_counts_once_and_other_clients_count_each() throws Exception {
        Publisher.published(cluster.api(0), TestPackages.plugin("roaming", "1.0.0").zip(files));
        String roamer = Accounts.register(cluster.api(0), "roamer");
        for (int round = 0; round < 2; round++) {
            for (int n = 0; n < cluster.size(); n++) {   // a load balancer sends the same client to every node
                assertThat(cluster.api(n).get("/api/v1/plugins/roaming/download", "Authorization", "Bearer " + roamer)
                        .status()).isEqualTo(200);
                assertThat(cluster.api(n).get("/api/v1/plugins/roaming/download").status()).isEqualTo(200);   // 127.0.0.1
            }
        }
        for (int n = 0; n < cluster.size(); n++) {
            String other = Accounts.register(cluster.api(n), "roaming-fan-" + n);
            assertThat(cluster.api(n).get("/api/v1/plugins/roaming/download", "Authorization", "Bearer " + other)
                    .status()).isEqualTo(200);
        }
        long expected = 1 + 1 + cluster.size();   // the roaming user, the anonymous address, one per other user

        assertThat(settledDownloads("roaming", expected)).isEqualTo(expected);
        for (int n = 0; n < cluster.size(); n++) {
            assertThat(cluster.api(n).get("/api/v1/plugins/roaming/stats").json().at("/data/version_downloads/1.0.0")
                    .asLong()).as("node %d", n).isEqualTo(expected);
        }
    }

    /** Each node flushes its batch every 2 s: waits until {@code atLeast} have landed, then one flush more. */
    private static long settledDownloads(String pluginId, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline && downloadsOf(pluginId) < atLeast) {
            Thread.sleep(200);
        }
        Thread.sleep(2_500);
        return downloadsOf(pluginId);
    }

    private static long downloadsOf(String pluginId) {
        return cluster.api(1).get("/api/v1/plugins/" + pluginId + "/stats").json().path("data").path("total_downloads").asLong();
    }

    @Test
    void a_new_version_a_yank_a_rating_and_a_ban_on_one_node_show_on_the_others_at_once() throws Exception {
        Publisher.published(cluster.api(0), TestPackages.zip(files, "moving", "1.0.0"));
        assertThat(defaultDownloadVersion(cluster.api(2))).isEqualTo("1.0.0");   // node 2 caches the answer

        Publisher.published(cluster.api(1), TestPackages.zip(files, "moving", "1.1.0"));
        assertThat(defaultDownloadVersion(cluster.api(2))).isEqualTo("1.1.0");

        ApiResponse yank = cluster.api(0).request("DELETE", "/api/v1/plugins/moving/versions/1.1.0/yank")
                .headers(Accounts.OPERATOR).send();
        assertThat(yank.status()).as("%s", yank).isEqualTo(200);
        assertThat(defaultDownloadVersion(cluster.api(2))).isEqualTo("1.0.0");
        assertThat(cluster.api(1).get("/api/v1/plugins/moving").json().at("/data/current_version").asText())
                .isEqualTo("1.0.0");

        String rater = Accounts.register(cluster.api(2), "rater-of-moving");
        assertThat(cluster.api(1).get("/api/v1/plugins/moving").json().at("/data/rating_count").asLong()).isZero();
        ApiResponse rated = cluster.api(2).request("POST", "/api/v1/plugins/moving/ratings")
                .headers(Accounts.bearer(rater)).json("{\"rating\":4}").send();
        assertThat(rated.status()).as("%s", rated).isIn(200, 201);
        JsonNode seenElsewhere = cluster.api(1).get("/api/v1/plugins/moving").json().get("data");
        assertThat(seenElsewhere.get("rating_count").asLong()).isEqualTo(1);
        assertThat(seenElsewhere.get("rating").asDouble()).isEqualTo(4.0);

        ApiResponse ban = cluster.api(1).request("PUT", "/api/v1/admin/plugins/moving/status")
                .headers(Accounts.OPERATOR).json("{\"status\":\"banned\",\"reason\":\"test\"}").send();
        assertThat(ban.status()).as("%s", ban).isEqualTo(200);
        assertThat(cluster.api(0).get("/api/v1/plugins/moving/download").status()).isEqualTo(403);
        assertThat(cluster.api(2).get("/api/v1/plugins/moving/download?version=1.0.0").status()).isEqualTo(403);
    }

    @Test
    void a_review_and_a_vote_on_one_node_are_listed_on_the_others_at_once() throws Exception {
        Publisher.published(cluster.api(0), TestPackages.zip(files, "reviewed", "1.0.0"));
        for (int n = 1; n <= 2; n++) {   // the other nodes cache the empty pages
            assertThat(cluster.api(n).get("/api/v1/plugins/reviewed/reviews").json().at("/data/reviews").size()).isZero();
            assertThat(cluster.api(n).get("/api/v1/plugins/reviewed/ratings").json().at("/data/ratings").size()).isZero();
        }

        String author = Accounts.register(cluster.api(0), "author-of-review");
        ApiResponse posted = cluster.api(0).request("POST", "/api/v1/plugins/reviewed/reviews")
                .headers(Accounts.bearer(author)).json("{\"rating\":5,\"title\":\"Solid\",\"comment\":\"c\"}").send();
        assertThat(posted.status()).as("%s", posted).isEqualTo(201);
        long reviewId = posted.json().at("/data/id").asLong();
        for (int n = 1; n <= 2; n++) {
            JsonNode reviews = cluster.api(n).get("/api/v1/plugins/reviewed/reviews").json().get("data");
            assertThat(reviews.at("/reviews/0/title").asText()).as("node %d", n).isEqualTo("Solid");
            assertThat(reviews.at("/summary/total_ratings").asLong()).as("node %d", n).isEqualTo(1);
            assertThat(cluster.api(n).get("/api/v1/plugins/reviewed/ratings").json().at("/data/ratings").size())
                    .as("node %d", n).isEqualTo(1);
        }

        String voter = Accounts.register(cluster.api(2), "voter-on-review");
        ApiResponse voted = cluster.api(2).request("POST", "/api/v1/plugins/reviewed/reviews/" + reviewId + "/vote")
                .headers(Accounts.bearer(voter)).json("{\"helpful\":true}").send();
        assertThat(voted.status()).as("%s", voted).isEqualTo(200);
        assertThat(cluster.api(1).get("/api/v1/plugins/reviewed/reviews").json().at("/data/reviews/0/helpful_count")
                .asLong()).isEqualTo(1);
    }

    @Test
    void the_same_version_published_at_once_through_every_node_is_accepted_exactly_once() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path zip = TestPackages.zip(files, "contested-" + round, "1.0.0");
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int n = 0; n < cluster.size(); n++) {
                    Api api = cluster.api(n);
                    answers.add(pool.submit(() -> {
                        go.await();
                        return Publisher.upload(api, zip, Accounts.OPERATOR).status();
                    }));
                }
                go.countDown();
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 409, 409);
            for (int n = 0; n < cluster.size(); n++) {
                assertThat(cluster.api(n).get("/api/v1/plugins/contested-" + round).json()
                        .at("/data/versions").size()).isEqualTo(1);
            }
        }
    }

    @Test
    void a_client_over_its_limit_on_one_node_is_refused_by_the_others() {
        Publisher.published(cluster.api(0), TestPackages.zip(files, "much-rated", "1.0.0"));
        String eager = Accounts.register(cluster.api(0), "eager-rater");
        for (int i = 0; i < RATINGS_PER_HOUR; i++) {   // spread over the nodes: 0, 1, 2
            ApiResponse r = rate(cluster.api(i % cluster.size()), "much-rated", eager, 1 + i);
            assertThat(r.status()).as("rating %d: %s", i, r).isIn(200, 201);
        }

        for (int n = 0; n < cluster.size(); n++) {
            ApiResponse refused = rate(cluster.api(n), "much-rated", eager, 5);
            assertThat(refused.status()).as("node %d: %s", n, refused).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(refused.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        }
        String patient = Accounts.register(cluster.api(1), "patient-rater");
        assertThat(rate(cluster.api(2), "much-rated", patient, 5).status()).as("another client").isIn(200, 201);
    }

    private static ApiResponse rate(Api api, String pluginId, String token, int stars) {
        return api.request("POST", "/api/v1/plugins/" + pluginId + "/ratings").headers(Accounts.bearer(token))
                .json("{\"rating\":" + stars + "}").send();
    }

    private static String defaultDownloadVersion(Api api) {
        ApiResponse r = api.request("HEAD", "/api/v1/plugins/moving/download").send();
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        String disposition = r.header("Content-Disposition").orElseThrow();
        return disposition.substring(disposition.indexOf("moving-") + "moving-".length(), disposition.lastIndexOf(".zip"));
    }

    private static long total(ApiResponse list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().at("/data/pagination/total").asLong();
    }
}
