package dev.plughub.host.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.calls.PluginThreads;
import dev.plughub.host.observability.CallMetrics;
import dev.plughub.host.observability.LogBuffer;
import dev.plughub.host.observability.LogLevel;
import dev.plughub.host.observability.LogQuery;
import dev.plughub.host.scopes.ScopeGrants;
import dev.plughub.host.scopes.ScopePolicy;
import dev.plughub.plugin.Event;
import dev.plughub.plugin.Events;
import dev.plughub.plugin.ScopeDeniedException;
import dev.plughub.plugin.Subscription;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventBusTest {

    /** Long enough never to matter, short enough that a broken test ends. */
    static final long PATIENCE_SECONDS = 30;

    @TempDir
    Path dir;

    final LogBuffer logs = new LogBuffer();
    final CallMetrics metrics = new CallMetrics();
    final PluginThreads threads = new PluginThreads();
    EventBus bus = new EventBus(threads, Duration.ofSeconds(PATIENCE_SECONDS), 64, logs, metrics);

    @AfterEach
    void close() {
        bus.close();
        threads.close();
    }

    static Event event(String name, int n) {
        return new Event(name, "host", Map.of("n", n), Instant.now());
    }

    /** Collects events and lets a test wait for a number of them. */
    static final class Inbox {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final CountDownLatch expected;

        Inbox(int expected) {
            this.expected = new CountDownLatch(expected);
        }

        void accept(Event event) {
            events.add(event);
            expected.countDown();
        }

        List<Object> numbers() {
            return events.stream().map(e -> e.payload().get("n")).toList();
        }

        void awaitAll() throws InterruptedException {
            assertThat(expected.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("all expected events arrived").isTrue();
        }
    }

    @Test
    void delivers_matching_events_in_publish_order_and_skips_the_rest() throws Exception {
        Inbox inbox = new Inbox(50);
        bus.subscribe("listener", "plugin.billing.*", inbox::accept);

        for (int i = 0; i < 50; i++) {
            bus.publish(event("plugin.shop.sold", -1));
            bus.publish(event("plugin.billing.paid", i));
        }
        inbox.awaitAll();

        assertThat(inbox.numbers()).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
    }

    @Test
    void a_slow_subscriber_delays_no_one_else() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Inbox slow = new Inbox(20);
        bus.subscribe("slow", "plugin.#", e -> {
            awaitQuietly(release);
            slow.accept(e);
        });
        Inbox fast = new Inbox(20);
        bus.subscribe("fast", "plugin.#", fast::accept);

        for (int i = 0; i < 20; i++) {
            bus.publish(event("plugin.a.tick", i));
        }
        fast.awaitAll();

        assertThat(slow.events).isEmpty();   // still stuck in its first handler call
        release.countDown();
        slow.awaitAll();
        assertThat(slow.numbers()).isEqualTo(fast.numbers());
    }

    @Test
    void a_throwing_subscriber_loses_no_later_events_and_affects_no_one_else() throws Exception {
        Inbox thrower = new Inbox(10);
        bus.subscribe("thrower", "plugin.#", e -> {
            thrower.accept(e);
            throw new IllegalStateException("boom " + e.payload().get("n"));
        });
        Inbox calm = new Inbox(10);
        bus.subscribe("calm", "plugin.#", calm::accept);

        for (int i = 0; i < 10; i++) {
            bus.publish(event("plugin.a.tick", i));
        }
        thrower.awaitAll();
        calm.awaitAll();
        waitUntil(() -> bus.stats("thrower").failed() == 10 && bus.stats("calm").delivered() == 10);

        assertThat(thrower.numbers()).isEqualTo(calm.numbers()).hasSize(10);
        assertThat(bus.stats("calm")).isEqualTo(new DeliveryStats(10, 0, 0, 0));
        assertThat(logs.query("thrower", LogQuery.all().withMinLevel(LogLevel.ERROR)).entries())
                .hasSize(10)
                .allSatisfy(entry -> assertThat(entry.error()).contains("IllegalStateException: boom"));
    }

    @Test
    void a_handler_past_its_deadline_is_abandoned_and_the_next_event_follows() throws Exception {
        bus = new EventBus(threads, Duration.ofMillis(100), 64, logs, metrics);
        CountDownLatch interrupted = new CountDownLatch(1);
        Inbox inbox = new Inbox(2);
        bus.subscribe("sleepy", "plugin.#", e -> {
            if (e.payload().get("n").equals(0)) {
                try {
                    Thread.sleep(Duration.ofHours(1));
                } catch (InterruptedException stopped) {
                    interrupted.countDown();
                }
                return;
            }
            inbox.accept(e);
        });

        bus.publish(event("plugin.a.tick", 0));
        bus.publish(event("plugin.a.tick", 1));
        bus.publish(event("plugin.a.tick", 2));
        inbox.awaitAll();

        assertThat(inbox.numbers()).containsExactly(1, 2);
        assertThat(interrupted.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the abandoned handler was interrupted").isTrue();
        assertThat(bus.stats("sleepy").timedOut()).isEqualTo(1);
        assertThat(logs.query("sleepy", LogQuery.all().withMinLevel(LogLevel.WARNING)).entries())
                .singleElement().satisfies(entry -> assertThat(entry.message()).contains("abandoned"));
        assertThat(metrics.snapshot("sleepy").operations().get("event").errors()).isEqualTo(1);
    }

    @Test
    void a_full_queue_drops_its_oldest_events_and_counts_them() throws Exception {
        bus = new EventBus(threads, Duration.ofSeconds(PATIENCE_SECONDS), 4, logs, metrics);
        CountDownLatch inFirstHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Inbox inbox = new Inbox(5);
        bus.subscribe("busy", "plugin.#", e -> {
            if (e.payload().get("n").equals(0)) {
                inFirstHandler.countDown();
                awaitQuietly(release);
            }
            inbox.accept(e);
        });

        bus.publish(event("plugin.a.tick", 0));
        assertThat(inFirstHandler.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 10; i++) {
            bus.publish(event("plugin.a.tick", i));
        }
        release.countDown();
        inbox.awaitAll();

        assertThat(inbox.numbers()).containsExactly(0, 7, 8, 9, 10);
        assertThat(bus.stats("busy").dropped()).isEqualTo(6);
    }

    @Test
    void a_plugin_emits_under_its_own_namespace_when_granted_events_emit() throws Exception {
        ScopeGrants grants = new ScopeGrants(dir, ScopePolicy.defaults());
        grants.initialize("sample_sync", Set.of("events.emit"));
        Inbox inbox = new Inbox(1);
        bus.subscribe("watcher", "plugin.sample_sync.*", inbox::accept);
        Events events = bus.forPlugin("sample_sync", grants);

        events.emit("users_synced", Map.of("count", 3));
        inbox.awaitAll();

        Event received = inbox.events.get(0);
        assertThat(received.name()).isEqualTo("plugin.sample_sync.users_synced");
        assertThat(received.source()).isEqualTo("sample_sync");
        assertThat(received.payload()).isEqualTo(Map.of("count", 3));
        assertThatThrownBy(() -> received.payload().put("count", 4)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emitting_without_events_emit_is_refused_and_logged() {
        ScopeGrants grants = new ScopeGrants(dir, ScopePolicy.defaults());
        grants.initialize("quiet", Set.of("users.read"));

        assertThatThrownBy(() -> bus.forPlugin("quiet", grants).emit("hello", Map.of()))
                .isInstanceOf(ScopeDeniedException.class)
                .hasMessageContaining("events.emit");
        assertThat(logs.query("quiet", LogQuery.all().withMinLevel(LogLevel.WARNING)).entries()).hasSize(1);
    }

    @Test
    void after_unsubscribing_a_plugin_gets_nothing_more() throws Exception {
        Inbox gone = new Inbox(1);
        Subscription subscription = bus.subscribe("leaver", "plugin.#", gone::accept);
        bus.subscribe("leaver", "host.#", gone::accept);
        Inbox stays = new Inbox(2);
        bus.subscribe("stayer", "plugin.#", stays::accept);

        bus.publish(event("plugin.a.tick", 1));
        gone.awaitAll();
        bus.unsubscribeAll("leaver");
        subscription.close();   // closing twice is harmless
        bus.publish(event("plugin.a.tick", 2));
        bus.publish(event("host.started", 3));
        stays.awaitAll();

        assertThat(gone.numbers()).containsExactly(1);
    }

    @Test
    void handlers_run_with_the_subscribers_context_class_loader() throws Exception {
        ClassLoader pluginLoader = new java.net.URLClassLoader(new java.net.URL[0], getClass().getClassLoader());
        List<ClassLoader> seen = new CopyOnWriteArrayList<>();
        Inbox inbox = new Inbox(1);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(pluginLoader);   // as when a plugin subscribes in initialize
        try {
            bus.subscribe("plugin-x", "host.#", e -> {
                seen.add(Thread.currentThread().getContextClassLoader());
                inbox.accept(e);
            });
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }

        bus.publish(event("host.started", 1));
        inbox.awaitAll();

        assertThat(seen).containsExactly(pluginLoader);
    }

    @Test
    void refuses_a_malformed_pattern_or_event_name() {
        assertThatThrownBy(() -> bus.subscribe("x", "plugin..a", e -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        ScopeGrants grants = new ScopeGrants(dir, ScopePolicy.defaults());
        grants.initialize("p", Set.of("events.emit"));
        assertThatThrownBy(() -> bus.forPlugin("p", grants).emit("bad name", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an event name");
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls a condition that becomes true shortly after an asynchronous step (not a timing assertion). */
    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached in time").isLessThan(giveUp);
            Thread.sleep(5);
        }
    }
}
