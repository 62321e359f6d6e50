package dev.plughub.registry.ratelimit;

import dev.plughub.registry.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each of seed 001's limits holds and resets with its window; time comes from a test clock. */
class FixedWindowLimiterTest {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");   // a window boundary

    private static void exhaust(FixedWindowLimiter limiter, String key, int limit) {
        for (int i = 1; i <= limit; i++) {
            WindowLimiter.Decision d = limiter.acquire(key);
            assertThat(d.allowed()).as("request %d of %d", i, limit).isTrue();
            assertThat(d.remaining()).isEqualTo(limit - i);
        }
        assertThat(limiter.acquire(key).allowed()).as("request %d", limit + 1).isFalse();
    }

    @Test
    void queries_100_per_minute_then_refused_until_the_minute_ends() {
        MutableClock clock = new MutableClock(START.plusSeconds(15));
        RateLimits d = RateLimits.defaults();
        FixedWindowLimiter queries = new FixedWindowLimiter(d.queriesPerMinute(), Duration.ofMinutes(1), clock);
        exhaust(queries, "a:1.2.3.4", 100);
        WindowLimiter.Decision refused = queries.acquire("a:1.2.3.4");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetSeconds()).isEqualTo(45);
        clock.advance(Duration.ofSeconds(44));
        assertThat(queries.acquire("a:1.2.3.4").allowed()).isFalse();
        clock.advance(Duration.ofSeconds(1));   // the next minute
        WindowLimiter.Decision again = queries.acquire("a:1.2.3.4");
        assertThat(again.allowed()).isTrue();
        assertThat(again.remaining()).isEqualTo(99);
        assertThat(again.resetSeconds()).isEqualTo(60);
    }

    @Test
    void uploads_10_per_hour() {
        MutableClock clock = new MutableClock(START);
        FixedWindowLimiter uploads = new FixedWindowLimiter(RateLimits.defaults().uploadsPerHour(), Duration.ofHours(1), clock);
        exhaust(uploads, "u:7", 10);
        clock.advance(Duration.ofMinutes(59));
        assertThat(uploads.acquire("u:7").allowed()).isFalse();
        assertThat(uploads.acquire("u:7").resetSeconds()).isEqualTo(60);
        clock.advance(Duration.ofMinutes(1));
        exhaust(uploads, "u:7", 10);
    }

    @Test
    void downloads_50_per_minute() {
        MutableClock clock = new MutableClock(START);
        FixedWindowLimiter downloads = new FixedWindowLimiter(RateLimits.defaults().downloadsPerMinute(), Duration.ofMinutes(1), clock);
        exhaust(downloads, "n:2001:db8:0:1::/64", 50);
        clock.advance(Duration.ofMinutes(1));
        exhaust(downloads, "n:2001:db8:0:1::/64", 50);
    }

    @Test
    void ratings_20_per_hour() {
        MutableClock clock = new MutableClock(START);
        FixedWindowLimiter ratings = new FixedWindowLimiter(RateLimits.defaults().ratingsPerHour(), Duration.ofHours(1), clock);
        exhaust(ratings, "u:1", 20);
        clock.advance(Duration.ofHours(1));
        exhaust(ratings, "u:1", 20);
    }

    @Test
    void clients_have_their_own_counts() {
        MutableClock clock = new MutableClock(START);
        FixedWindowLimiter limiter = new FixedWindowLimiter(2, Duration.ofMinutes(1), clock);
        exhaust(limiter, "u:1", 2);
        exhaust(limiter, "u:2", 2);
        exhaust(limiter, "a:10.0.0.1", 2);
    }
}
