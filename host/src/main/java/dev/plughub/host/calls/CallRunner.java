package dev.plughub.host.calls;

import dev.plughub.host.observability.CallMetrics;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every call into a plugin with a deadline and records it in {@link CallMetrics}.
 *
 * <p>The call runs on one of the host's {@link PluginThreads} and the caller waits at most the
 * deadline: a plugin that never returns (a lost interrupt, an endless loop) cannot hold the caller,
 * so an HTTP request or the host's own start-up goes on. Running on the caller's thread with a
 * watchdog would be a little cheaper but cannot give the caller back when the plugin ignores the
 * interrupt.
 */
public final class CallRunner {

    /** Told when a call missed its deadline, so the runtime can mark the plugin failed. */
    @FunctionalInterface
    public interface TimeoutListener {
        void timedOut(String pluginId, String operation, Duration deadline);
    }

    private final PluginThreads threads;
    private final CallMetrics metrics;
    private final TimeoutListener onTimeout;

    public CallRunner(PluginThreads threads, CallMetrics metrics, TimeoutListener onTimeout) {
        this.threads = threads;
        this.metrics = metrics;
        this.onTimeout = onTimeout;
    }

    /**
     * Runs {@code call} as {@code operation} of {@code pluginId} with the plugin's class loader as the
     * thread's context loader.
     *
     * @throws CallTimedOut when it did not return within {@code deadline} (the thread is interrupted)
     * @throws CallFailed   when it threw (the cause is the plugin's exception), or could not start (the plugin stopped, the host closed)
     */
    public <T> T call(String pluginId, String operation, Duration deadline, ClassLoader loader, Callable<T> call) {
        long start = System.nanoTime();
        Future<T> task;
        try {
            task = threads.start(loader, call);
        } catch (RejectedExecutionException e) {
            metrics.record(pluginId, operation, System.nanoTime() - start, false);
            throw new CallFailed(pluginId, operation, new IllegalStateException("the plugin was stopped or the host closed", e));
        }
        try {
            T result = task.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            metrics.record(pluginId, operation, System.nanoTime() - start, true);
            return result;
        } catch (TimeoutException e) {
            task.cancel(true);
            metrics.record(pluginId, operation, System.nanoTime() - start, false);
            onTimeout.timedOut(pluginId, operation, deadline);
            throw new CallTimedOut(pluginId, operation, deadline);
        } catch (ExecutionException e) {
            metrics.record(pluginId, operation, System.nanoTime() - start, false);
            throw new CallFailed(pluginId, operation, e.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            metrics.record(pluginId, operation, System.nanoTime() - start, false);
            throw new CallFailed(pluginId, operation, e);
        }
    }
}
