package dev.plughub.host.calls;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads plugin code runs on: a host's pool of daemon platform threads, reused from call to
 * call, and replaced by fresh ones whenever a plugin stops.
 *
 * <p>Platform threads, not virtual ones: a virtual thread is only taken off its carrier when it
 * blocks, so a plugin stuck in a loop that ignores the interrupt would hold one of the JVM's few
 * carrier threads (one per core) for good, and as many such plugins as cores would freeze every
 * virtual thread in the application. The operating system shares the cores among platform
 * threads instead, so a runaway plugin costs CPU and one thread, nothing else; the pool grows past
 * the stuck thread.
 *
 * <p>Replaced when a plugin stops ({@link #retire}): libraries keep caches in thread-locals
 * (Jackson's buffers, date formats), so a thread that once ran a plugin's code holds that plugin's
 * classes, and its whole class loader, for as long as the thread lives. The retired threads end
 * (idle ones at once, busy ones when their call returns) and later calls get new ones. One pool for
 * all plugins rather than one each keeps a thread warm between calls to different plugins.
 */
public final class PluginThreads implements AutoCloseable {

    private static final long IDLE_SECONDS = 60;

    /** Numbers the pools across every host in the JVM, so that no two threads share a name. */
    private static final AtomicInteger GENERATIONS = new AtomicInteger();

    /** Retired pools whose threads are still finishing calls, so that closing can interrupt them. */
    private final Set<ThreadPoolExecutor> retired = ConcurrentHashMap.newKeySet();
    private volatile ThreadPoolExecutor current = newPool();
    private volatile boolean closed;

    /**
     * Starts {@code call} with {@code loader} as the thread's context class loader.
     *
     * @throws RejectedExecutionException after {@link #close()}
     */
    public <T> Future<T> start(ClassLoader loader, Callable<T> call) {
        Callable<T> withLoader = () -> {
            Thread thread = Thread.currentThread();
            thread.setContextClassLoader(loader);
            try {
                return call.call();
            } finally {
                thread.setContextClassLoader(null);
            }
        };
        while (true) {
            ThreadPoolExecutor pool = current;
            try {
                return pool.submit(withLoader);
            } catch (RejectedExecutionException e) {
                if (closed || pool == current) {
                    throw e;
                }
                // retired between the read and the submit: the next pass takes its successor
            }
        }
    }

    /**
     * A plugin has stopped: every thread that may hold what it left in thread-locals ends (idle ones
     * now, busy ones when their call returns), and later calls run on fresh threads.
     */
    public synchronized void retire() {
        if (closed) {
            return;
        }
        ThreadPoolExecutor old = current;
        current = newPool();
        retired.add(old);
        old.shutdown();
    }

    /** Interrupts whatever plugin code still runs; later calls are refused. */
    @Override
    public synchronized void close() {
        closed = true;
        current.shutdownNow();
        retired.forEach(ThreadPoolExecutor::shutdownNow);
    }

    private ThreadPoolExecutor newPool() {
        String prefix = "plughub-plugin-call-" + GENERATIONS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);   // a plugin that never returns must not keep the application alive
            return thread;
        }) {
            @Override
            protected void terminated() {
                retired.remove(this);
            }
        };
    }
}
