package dev.plughub.host.grpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, per plugin, whether and when a plugin whose process died is started again
 * ({@link RestartPolicy}), runs the restart after the backoff, and counts the restarts (shown in
 * the plugin's health). Failures older than the policy's window are forgotten.
 */
public final class Supervisor implements AutoCloseable {

    /** What happens after a failure. */
    public sealed interface Plan {
        /** A sentence for the plugin's error, e.g. "restarting in 2000 ms (failure 2 of at most 5 within 600 s)". */
        String describe();
    }

    public record RestartScheduled(Duration delay, int failures, int maxFailures, Duration window) implements Plan {
        @Override
        public String describe() {
            return "restarting in " + delay.toMillis() + " ms (failure " + failures + " of at most " + maxFailures
                    + " within " + window.toSeconds() + " s)";
        }
    }

    public record GaveUp(int failures, Duration window) implements Plan {
        @Override
        public String describe() {
            return "not restarted again: " + failures + " failures within " + window.toSeconds()
                    + " s; restart or enable it once fixed";
        }
    }

    private final RestartPolicy policy;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> restarts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "plughub-plugin-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    public Supervisor(RestartPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** Records a failure of {@code pluginId} and, unless it failed too often, schedules {@code restart} after the backoff. */
    public Plan failed(String pluginId, Runnable restart) {
        Instant now = clock.instant();
        int count;
        Deque<Instant> recent = failures.computeIfAbsent(pluginId, id -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(now);
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(policy.window()))) {
                recent.removeFirst();
            }
            count = recent.size();
        }
        if (count > policy.maxFailures()) {
            // Nothing restarts it now but an operator; their restart deserves the full allowance again.
            failures.remove(pluginId);
            return new GaveUp(count, policy.window());
        }
        Duration delay = policy.backoff(count);
        timer.schedule(() -> {
            restarts.computeIfAbsent(pluginId, id -> new AtomicInteger()).incrementAndGet();
            restart.run();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return new RestartScheduled(delay, count, policy.maxFailures(), policy.window());
    }

    /** Restarts after a crash so far (operator restarts are not counted). */
    public int restarts(String pluginId) {
        AtomicInteger count = restarts.get(pluginId);
        return count == null ? 0 : count.get();
    }

    /** Forgets the plugin's failures (it was uninstalled). */
    public void reset(String pluginId) {
        failures.remove(pluginId);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
