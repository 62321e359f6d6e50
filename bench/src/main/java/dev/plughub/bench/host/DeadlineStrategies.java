package dev.plughub.bench.host;

import dev.plughub.host.calls.CallRunner;
import dev.plughub.host.calls.PluginThreads;
import dev.plughub.host.observability.CallMetrics;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ways to put a deadline on a call into a plugin, measured on the same trivial call: the
 * host's {@link CallRunner} (a pooled platform thread, the caller waits at most the deadline), a
 * fresh virtual thread per call, and the caller's own thread with a watchdog that interrupts it at
 * the deadline. The watchdog is cheaper but cannot give the caller back from a plugin that ignores
 * the interrupt; a virtual thread can, but a plugin spinning in a loop keeps its carrier thread (one
 * per core) for good. This shows what the host's choice costs.
 */
final class DeadlineStrategies {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private DeadlineStrategies() {
    }

    /** p50 in µs of: a direct call, the host's CallRunner, a virtual thread per call, a caller-thread call with a watchdog. */
    static double[] p50s(int warmup, int calls) throws Exception {
        Map<String, Object> input = Map.of("n", 1);
        Callable<Map<String, Object>> call = () -> input;
        PluginThreads threads = new PluginThreads();
        CallRunner runner = new CallRunner(threads, new CallMetrics(), (id, operation, deadline) -> { });
        ClassLoader loader = DeadlineStrategies.class.getClassLoader();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "watchdog");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Timed direct = call::call;
            Timed pooled = () -> runner.call("bench", "echo", DEADLINE, loader, call);
            Timed virtualThread = () -> {
                FutureTask<Map<String, Object>> task = new FutureTask<>(call);
                Thread.ofVirtual().start(task);
                return task.get(DEADLINE.toNanos(), TimeUnit.NANOSECONDS);
            };
            Timed callerWithWatchdog = () -> {
                Thread caller = Thread.currentThread();
                ScheduledFuture<?> alarm = watchdog.schedule(caller::interrupt, DEADLINE.toNanos(), TimeUnit.NANOSECONDS);
                try {
                    return call.call();
                } finally {
                    alarm.cancel(false);
                }
            };
            return new double[] {p50(direct, warmup, calls), p50(pooled, warmup, calls), p50(virtualThread, warmup, calls),
                    p50(callerWithWatchdog, warmup, calls)};
        } finally {
            watchdog.shutdownNow();
            threads.close();
        }
    }

    private interface Timed {
        Object run() throws Exception;
    }

    private static double p50(Timed timed, int warmup, int calls) throws Exception {
        for (int i = 0; i < warmup; i++) {
            timed.run();
        }
        long[] samples = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            timed.run();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return samples[calls / 2] / 1e3;
    }
}
