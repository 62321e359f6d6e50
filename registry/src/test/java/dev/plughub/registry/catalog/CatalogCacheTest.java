package dev.plughub.registry.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A detail loaded while the cache is being dropped — by a write on another node or on this one — is
 * never served after the drop: the next read loads again. Each race is staged with latches, so it
 * happens on every run.
 */
class CatalogCacheTest {

    private static final Duration LONG = Duration.ofMinutes(5);   // no expiry hides a stale answer

    private final CatalogCache cache = new CatalogCache(LONG, LONG);

    @Test
    void a_detail_loaded_while_every_cache_is_dropped_is_not_served_after_the_drop() throws Exception {
        BlockedLoad load = new BlockedLoad("before the write");
        CompletableFuture<Optional<byte[]>> inFlight = CompletableFuture.supplyAsync(() -> cache.detail("p", load));
        load.awaitStarted();

        cache.invalidateAll();   // another node's write, seen by FreshReads
        load.finish();
        assertThat(text(inFlight.get(10, TimeUnit.SECONDS))).as("the read that began before").isEqualTo("before the write");

        assertThat(cache.cachedDetail("p")).as("the fast path").isEmpty();
        assertThat(text(cache.detail("p", id -> body("after the write")))).isEqualTo("after the write");
        assertThat(text(cache.cachedDetail("p"))).isEqualTo("after the write");
    }

    @Test
    void a_detail_loaded_while_its_plugin_is_dropped_is_not_served_after_the_drop() throws Exception {
        BlockedLoad load = new BlockedLoad("before the write");
        CompletableFuture<Optional<byte[]>> inFlight = CompletableFuture.supplyAsync(() -> cache.detail("p", load));
        load.awaitStarted();

        Thread invalidating = Thread.ofPlatform().start(() -> cache.invalidate("p"));   // this node's write
        awaitBlockedOrDone(invalidating);
        load.finish();
        invalidating.join(10_000);
        inFlight.get(10, TimeUnit.SECONDS);

        assertThat(cache.cachedDetail("p")).isEmpty();
        assertThat(text(cache.detail("p", id -> body("after the write")))).isEqualTo("after the write");
    }

    @Test
    void dropping_one_plugin_keeps_the_others_details() {
        cache.detail("kept", id -> body("kept"));
        cache.detail("dropped", id -> body("old"));

        cache.invalidate("dropped");

        assertThat(text(cache.cachedDetail("kept"))).isEqualTo("kept");
        assertThat(cache.cachedDetail("dropped")).isEmpty();
        assertThat(text(cache.detail("dropped", id -> body("new")))).isEqualTo("new");
    }

    /** A loader that waits, once started, until the test lets it return. */
    private static final class BlockedLoad implements Function<String, Optional<byte[]>> {
        private final String answer;
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch finish = new CountDownLatch(1);

        BlockedLoad(String answer) {
            this.answer = answer;
        }

        @Override
        public Optional<byte[]> apply(String id) {
            started.countDown();
            try {
                assertThat(finish.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return body(answer);
        }

        void awaitStarted() throws InterruptedException {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        }

        void finish() {
            finish.countDown();
        }
    }

    /** Waits until the thread waits for the load's lock, or has already returned (then the test fails below). */
    private static void awaitBlockedOrDone(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.WAITING
                && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static Optional<byte[]> body(String text) {
        return Optional.of(text.getBytes(UTF_8));
    }

    private static String text(Optional<byte[]> body) {
        return new String(body.orElseThrow(), UTF_8);
    }
}
