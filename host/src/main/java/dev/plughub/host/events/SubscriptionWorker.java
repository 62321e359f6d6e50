package dev.plughub.host.events;

import dev.plughub.host.calls.PluginThreads;
import dev.plughub.host.observability.CallMetrics;
import dev.plughub.plugin.Event;
import dev.plughub.plugin.Subscription;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One subscription: a bounded queue and one virtual thread delivering from it in order. Each
 * handler call runs on one of the host's {@link PluginThreads} so the worker can stop waiting at the
 * deadline; the abandoned call is interrupted and the next event is delivered.
 */
final class SubscriptionWorker implements Subscription {

    private final String subscriberId;
    private final EventPattern pattern;
    private final Consumer<Event> handler;
    private final PluginThreads threads;
    private final ArrayBlockingQueue<Event> queue;
    private final Duration deadline;
    private final DeliveryCounters counters;
    private final System.Logger log;
    private final CallMetrics metrics;
    private final Consumer<SubscriptionWorker> onClose;
    // The subscriber's context class loader (a plugin subscribes from its own calls), so handler code
    // that looks classes up through it (ServiceLoader, JSON libraries) finds the plugin's classes.
    private final ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
    private volatile boolean closed;
    private volatile Thread worker;

    SubscriptionWorker(String subscriberId, EventPattern pattern, Consumer<Event> handler, PluginThreads threads, int capacity,
                       Duration deadline, DeliveryCounters counters, System.Logger log, CallMetrics metrics,
                       Consumer<SubscriptionWorker> onClose) {
        this.subscriberId = subscriberId;
        this.pattern = pattern;
        this.handler = handler;
        this.threads = threads;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.deadline = deadline;
        this.counters = counters;
        this.log = log;
        this.metrics = metrics;
        this.onClose = onClose;
    }

    String subscriberId() {
        return subscriberId;
    }

    EventPattern pattern() {
        return pattern;
    }

    void start() {
        worker = Thread.ofVirtual().name("events-" + subscriberId + "-" + pattern).start(this::deliverUntilClosed);
    }

    /** Queues without waiting; when full, the oldest queued event makes room. */
    void offer(Event event) {
        if (closed) {
            return;
        }
        synchronized (queue) {   // publishers serialize here so "drop oldest, add newest" is one step
            while (!queue.offer(event)) {
                if (queue.poll() != null) {
                    counters.dropped.increment();
                }
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        queue.clear();
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void deliverUntilClosed() {
        try {
            while (!closed) {
                deliver(queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // closed: the thread ends here
        }
    }

    private void deliver(Event event) throws InterruptedException {
        long start = System.nanoTime();
        Future<Void> call;
        try {
            call = threads.start(contextLoader, () -> {
                handler.accept(event);
                return null;
            });
        } catch (RejectedExecutionException e) {
            return;   // the host is closing: the event goes with the queue
        }
        try {
            call.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            counters.timedOut.increment();
            metrics.record(subscriberId, "event", System.nanoTime() - start, false);
            log.log(System.Logger.Level.WARNING, "event handler for " + event.name() + " (pattern " + pattern
                    + ") did not finish within " + deadline.toMillis() + " ms and was abandoned");
            return;
        } catch (ExecutionException e) {
            counters.failed.increment();
            metrics.record(subscriberId, "event", System.nanoTime() - start, false);
            log.log(System.Logger.Level.ERROR, "event handler for " + event.name() + " threw", e.getCause());
            return;
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
        metrics.record(subscriberId, "event", System.nanoTime() - start, true);
        counters.delivered.increment();
    }

    @Override
    public String toString() {
        return "subscription of " + subscriberId + " to " + pattern;
    }
}
