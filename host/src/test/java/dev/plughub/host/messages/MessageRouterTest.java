package dev.plughub.host.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.plugin.Message;
import dev.plughub.plugin.MessageFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageRouterTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A plugin table like the runtime's: some plugins active, some not. */
    static final class Table implements Recipients {
        final Map<String, Recipient> active = new LinkedHashMap<>();

        Table with(String id, String category, Recipient recipient) {
            active.put(id, new Recipient() {
                @Override
                public Map<String, Object> deliver(Message message) throws Exception {
                    return recipient.deliver(message);
                }

                @Override
                public String category() {
                    return category;
                }
            });
            return this;
        }

        @Override
        public Optional<Recipient> find(String pluginId) {
            return Optional.ofNullable(active.get(pluginId));
        }

        @Override
        public List<String> activeIds() {
            return new ArrayList<>(active.keySet());
        }
    }

    final List<Message> received = new CopyOnWriteArrayList<>();
    final CountDownLatch hangerInterrupted = new CountDownLatch(1);

    final Recipient echo = message -> {
        received.add(message);
        return Map.of("echo", message.payload(), "from", message.from());
    };
    final Recipient hanging = message -> {
        try {
            Thread.sleep(Duration.ofHours(1));
        } catch (InterruptedException e) {
            hangerInterrupted.countDown();
        }
        return Map.of();
    };
    final Recipient failing = message -> {
        throw new IllegalStateException("database is down");
    };

    @Test
    void answers_a_request_with_the_recipients_reply() {
        MessageRouter router = new MessageRouter(new Table().with("analytics", "monitoring", echo), PATIENCE);

        Map<String, Object> reply = router.forPlugin("user-management")
                .request("analytics", "user_stats_request", Map.of("user_id", "user_123"), Duration.ofSeconds(10));

        assertThat(reply).isEqualTo(Map.of("echo", Map.of("user_id", "user_123"), "from", "user-management"));
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("user_stats_request");
            assertThat(m.isBroadcast()).isFalse();
        });
    }

    @Test
    void a_hanging_recipient_times_out_and_its_thread_is_released() throws Exception {
        MessageRouter router = new MessageRouter(new Table().with("stuck", "", hanging), PATIENCE);

        assertThatThrownBy(() -> router.request("host", "stuck", "ping", Map.of(), Duration.ofMillis(200)))
                .isInstanceOf(MessageTimeoutException.class)
                .isInstanceOf(MessageFailedException.class)
                .hasMessageContaining("did not answer 'ping' within 200 ms");

        assertThat(hangerInterrupted.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        waitUntilNoneInFlight(router);
    }

    @Test
    void the_router_caps_a_senders_timeout_at_its_own() {
        MessageRouter router = new MessageRouter(new Table().with("stuck", "", hanging), Duration.ofMillis(150));

        assertThatThrownBy(() -> router.request("host", "stuck", "ping", Map.of(), Duration.ofHours(1)))
                .isInstanceOfSatisfying(MessageTimeoutException.class,
                        e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(150)));
    }

    @Test
    void a_missing_or_inactive_recipient_is_refused_without_waiting() {
        MessageRouter router = new MessageRouter(new Table(), PATIENCE);

        assertThatThrownBy(() -> router.request("host", "ghost", "ping", Map.of(), null))
                .isInstanceOfSatisfying(RecipientUnavailableException.class,
                        e -> assertThat(e.pluginId()).isEqualTo("ghost"))
                .hasMessageContaining("not installed or not active");
    }

    @Test
    void a_recipient_that_throws_fails_the_request_with_its_reason() {
        MessageRouter router = new MessageRouter(new Table().with("flaky", "", failing), PATIENCE);

        assertThatThrownBy(() -> router.request("host", "flaky", "ping", Map.of(), null))
                .isInstanceOf(MessageFailedException.class)
                .isNotInstanceOf(MessageTimeoutException.class)
                .hasMessageContaining("database is down")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void broadcasts_to_the_category_except_the_excluded_and_lists_who_failed() throws Exception {
        Table table = new Table()
                .with("uptime", "monitoring", echo)
                .with("alerts", "monitoring", failing)
                .with("pager", "monitoring", echo)
                .with("stuck", "monitoring", hanging)
                .with("analytics-plugin", "monitoring", echo)
                .with("mailer", "notifications", echo);
        MessageRouter router = new MessageRouter(table, Duration.ofMillis(300));

        BroadcastResult result = router.broadcast("host", "monitoring", "system_announcement",
                Map.of("announcement", "Scheduled maintenance in 1 hour"), Set.of("analytics-plugin"));

        assertThat(result.delivered()).containsExactly("pager", "uptime");
        assertThat(result.failed()).containsOnlyKeys("alerts", "stuck");
        assertThat(result.failed().get("alerts")).contains("database is down");
        assertThat(result.failed().get("stuck")).contains("did not answer");
        assertThat(received).hasSize(2).allSatisfy(m -> {
            assertThat(m.isBroadcast()).isTrue();
            assertThat(m.category()).isEqualTo("monitoring");
        });
        waitUntilNoneInFlight(router);
    }

    @Test
    void a_broadcast_waits_the_time_its_sender_gave_and_each_late_plugin_is_told_that_time() throws Exception {
        Table table = new Table().with("stuck", "", hanging).with("frozen", "", hanging).with("quick", "", echo);
        MessageRouter router = new MessageRouter(table, Duration.ofSeconds(30));

        long started = System.nanoTime();
        BroadcastResult result = router.broadcast("host", "", "hang", Map.of(), Set.of(), Optional.of(Duration.ofMillis(200)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("the 200 ms asked for, not the 30 s default").isLessThan(Duration.ofSeconds(10));
        assertThat(result.delivered()).containsExactly("quick");
        assertThat(result.failed().values()).as("the second late plugin is not told '0 ms'")
                .hasSize(2).allSatisfy(reason -> assertThat(reason).contains("within 200 ms"));
        waitUntilNoneInFlight(router);
    }

    @Test
    void a_broadcast_without_a_category_reaches_every_active_plugin_but_the_sender() {
        Table table = new Table().with("a", "x", echo).with("b", "y", echo).with("c", "", echo);
        MessageRouter router = new MessageRouter(table, PATIENCE);

        BroadcastResult result = router.broadcast("c", "", "hello", Map.of(), Set.of());

        assertThat(result.delivered()).containsExactly("a", "b");
        assertThat(result.failed()).isEmpty();
    }

    @Test
    void refuses_a_message_without_a_type() {
        MessageRouter router = new MessageRouter(new Table().with("a", "", echo), PATIENCE);

        assertThatThrownBy(() -> router.request("host", "a", " ", Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a type");
    }

    static void waitUntilNoneInFlight(MessageRouter router) throws InterruptedException {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (router.inFlight() > 0) {
            assertThat(System.nanoTime()).as("abandoned deliveries ended").isLessThan(giveUp);
            Thread.sleep(5);
        }
    }
}
