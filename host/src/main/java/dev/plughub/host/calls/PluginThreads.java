package dev.plughub.host.calls;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads plugin code runs on: for each loaded plugin (each class loader), a pool of daemon
 * platform threads named after it, opened when it is loaded and ended when it stops.
 *
 * <p>Platform threads, not virtual ones: a virtual thread is only taken off its carrier when it
 * blocks, so a plugin stuck in a loop that ignores the interrupt would hold one of the JVM's few
 * carrier threads (one per core) for good, and as many such plugins as cores would freeze every
 * virtual thread in the application. The operating system shares the cores among platform
 * threads instead, so a runaway plugin costs CPU and one thread, nothing else; its pool grows past
 * the stuck thread.
 *
 * <p>A pool per plugin, ended by {@link #retire}: libraries keep caches in thread-locals (Jackson's
 * buffers, date formats), and a thread shared between plugins would keep a stopped or replaced
 * plugin's classes, and so its whole class loader, alive for as long as the thread lives. The map
 * holds a loader only between {@link #open} and {@code retire}, so it keeps none either.
 */
public final class PluginThreads implements AutoCloseable {

    private static final long IDLE_SECONDS = 60;

    /** For calls of no loaded plugin: out-of-process plugins (no loader), the application's own subscribers. */
    private final ThreadPoolExecutor shared = newPool("plughub-call-");
    private final Map<ClassLoader, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Gives the plugin {@code loader} has just loaded threads of its own, named after it. */
    public void open(String pluginId, ClassLoader loader) {
        ThreadPoolExecutor pool = newPool("plugin-" + pluginId + "-");
        pools.put(loader, pool);
        if (closed) {
            retire(loader);
        }
    }

    /**
     * Starts {@code call} on a thread of the plugin {@code loader} loaded (the shared threads when it
     * is no {@linkplain #open open} plugin's), with {@code loader} as the thread's context class loader.
     *
     * @throws RejectedExecutionException after {@link #close()}, or when the plugin was retired meanwhile
     */
    public <T> Future<T> start(ClassLoader loader, Callable<T> call) {
        ThreadPoolExecutor pool = loader == null ? shared : pools.getOrDefault(loader, shared);
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

    /**
     * The plugin {@code loader} loaded has stopped: its calls still running are interrupted and its
     * idle threads end now, taking whatever it left in their thread-locals with them. A late call
     * for it (an event already on its way) runs on the shared threads.
     */
    public void retire(ClassLoader loader) {
        ThreadPoolExecutor pool = pools.remove(loader);
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Interrupts whatever plugin code still runs; later calls are refused. */
    @Override
    public void close() {
        closed = true;
        shared.shutdownNow();
        pools.keySet().forEach(this::retire);
    }

    private static ThreadPoolExecutor newPool(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);   // a plugin that never returns must not keep the application alive
            return thread;
        });
    }
}
