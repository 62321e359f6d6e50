package dev.plughub.host.calls;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads plugin code runs on: a host's own pool of daemon platform threads, reused while busy
 * ones are kept and idle ones end after a minute.
 *
 * <p>Platform threads, not virtual ones: a virtual thread is only taken off its carrier when it
 * blocks, so a plugin stuck in a loop that ignores the interrupt would hold one of the JVM's few
 * carrier threads (one per core) for good, and as many such plugins as cores would freeze every
 * virtual thread in the application. The operating system shares the cores among platform
 * threads instead, so a runaway plugin costs CPU and one thread, nothing else. A stuck thread
 * stays busy and the pool grows past it.
 */
public final class PluginThreads implements AutoCloseable {

    private static final AtomicInteger HOSTS = new AtomicInteger();

    private final ThreadPoolExecutor pool;

    public PluginThreads() {
        String prefix = "plughub-plugin-" + HOSTS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);   // a plugin that never returns must not keep the application alive
            return thread;
        });
    }

    /**
     * Starts {@code call} with {@code loader} as the thread's context class loader (put back after).
     *
     * @throws RejectedExecutionException after {@link #close()}
     */
    public <T> Future<T> start(ClassLoader loader, Callable<T> call) {
        return pool.submit(() -> {
            Thread thread = Thread.currentThread();
            thread.setContextClassLoader(loader);
            try {
                return call.call();
            } finally {
                thread.setContextClassLoader(null);
            }
        });
    }

    /** Interrupts whatever still runs; later calls are refused. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
