package dev.plughub.host.events;

import dev.plughub.host.calls.PluginThreads;
import dev.plughub.host.observability.CallMetrics;
import dev.plughub.host.observability.LogBuffer;
import dev.plughub.host.scopes.ScopeGrants;
import dev.plughub.plugin.Event;
import dev.plughub.plugin.Events;
import dev.plughub.plugin.ScopeDeniedException;
import dev.plughub.plugin.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Publish/subscribe between plugins and the host. Publishing never waits for a subscriber: each
 * subscription has its own bounded queue and its own virtual thread that hands events to the
 * handler one at a time, in publish order (the handler itself runs on the host's {@link PluginThreads}). A handler that throws is logged and the next event
 * follows; one that overruns the deadline is interrupted and abandoned so the queue moves on; a
 * full queue drops its oldest event. None of this touches any other subscription.
 */
public final class EventBus implements AutoCloseable {

    public static final int DEFAULT_QUEUE_CAPACITY = 1_024;
    public static final String EMIT_SCOPE = "events.emit";

    private final PluginThreads threads;
    private final Duration handlerDeadline;
    private final int queueCapacity;
    private final LogBuffer logs;
    private final CallMetrics metrics;
    private final Clock clock;
    private final List<SubscriptionWorker> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<String, DeliveryCounters> counters = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param threads where handlers run (not closed with the bus)
     * @param logs    where a subscriber's failed or abandoned handlers are logged (its own log)
     * @param metrics where each handler call is recorded, as operation {@code event}
     */
    public EventBus(PluginThreads threads, Duration handlerDeadline, int queueCapacity, LogBuffer logs, CallMetrics metrics) {
        if (handlerDeadline.isNegative() || handlerDeadline.isZero()) {
            throw new IllegalArgumentException("the handler deadline must be positive, not " + handlerDeadline);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("a subscription queue holds at least one event, not " + queueCapacity);
        }
        this.threads = threads;
        this.handlerDeadline = handlerDeadline;
        this.queueCapacity = queueCapacity;
        this.logs = logs;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /** Queues the event for every matching subscription and returns at once. */
    public void publish(Event event) {
        if (closed) {
            return;
        }
        Event frozen = new Event(event.name(), event.source(), Payloads.freeze(event.payload()), event.time());
        for (SubscriptionWorker subscription : subscriptions) {
            if (subscription.pattern().matches(frozen.name())) {
                subscription.offer(frozen);
            }
        }
    }

    /**
     * @throws IllegalArgumentException when {@code pattern} is not an {@link EventPattern}
     * @throws IllegalStateException    after {@link #close()}
     */
    public Subscription subscribe(String subscriberId, String pattern, Consumer<Event> handler) {
        EventPattern parsed = EventPattern.parse(pattern);
        if (closed) {
            throw new IllegalStateException("the event bus is closed");
        }
        SubscriptionWorker worker = new SubscriptionWorker(subscriberId, parsed, handler, threads, queueCapacity,
                handlerDeadline, countersFor(subscriberId), logs.loggerFor(subscriberId), metrics,
                subscriptions::remove);
        subscriptions.add(worker);
        worker.start();
        return worker;
    }

    /** Ends every subscription of {@code subscriberId} (when its plugin stops). */
    public void unsubscribeAll(String subscriberId) {
        for (SubscriptionWorker subscription : subscriptions) {
            if (subscription.subscriberId().equals(subscriberId)) {
                subscription.close();
            }
        }
    }

    public DeliveryStats stats(String subscriberId) {
        return countersFor(subscriberId).snapshot();
    }

    /**
     * The {@code PluginContext.events()} of one plugin: it emits {@code plugin.<id>.<name>} when it
     * holds {@value #EMIT_SCOPE} at the time, and subscribes under its own id.
     */
    public Events forPlugin(String pluginId, ScopeGrants grants) {
        return new Events() {
            @Override
            public void emit(String name, Map<String, Object> payload) {
                if (!EventPattern.isValidName(name)) {
                    throw new IllegalArgumentException("'" + name + "' is not an event name: use dot-separated "
                            + "segments of letters, digits, '_' or '-'");
                }
                if (!grants.allows(pluginId, EMIT_SCOPE)) {
                    logs.loggerFor(pluginId).log(System.Logger.Level.WARNING,
                            "refused: emit event " + name + " needs scope " + EMIT_SCOPE + ", which is not granted");
                    throw new ScopeDeniedException(pluginId, EMIT_SCOPE, "emit event " + name);
                }
                publish(new Event("plugin." + pluginId + "." + name, pluginId, payload, clock.instant()));
            }

            @Override
            public Subscription subscribe(String pattern, Consumer<Event> handler) {
                return EventBus.this.subscribe(pluginId, pattern, handler);
            }
        };
    }

    /** Ends every subscription; queued events are discarded. */
    @Override
    public void close() {
        closed = true;
        for (SubscriptionWorker subscription : subscriptions) {
            subscription.close();
        }
    }

    private DeliveryCounters countersFor(String subscriberId) {
        return counters.computeIfAbsent(subscriberId, id -> new DeliveryCounters());
    }
}
