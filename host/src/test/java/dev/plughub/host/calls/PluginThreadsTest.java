package dev.plughub.host.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.PluginHost;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where plugin code runs: reused platform threads, replaced when a plugin stops. */
class PluginThreadsTest {

    final PluginThreads threads = new PluginThreads();
    final ClassLoader pluginLoader = new URLClassLoader(new URL[0], null);

    @TempDir
    Path home;

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void a_call_runs_on_a_reused_daemon_platform_thread_with_the_plugins_loader_as_context() throws Exception {
        Thread thread = threads.start(pluginLoader, () -> {
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(pluginLoader);
            return Thread.currentThread();
        }).get(10, TimeUnit.SECONDS);

        assertThat(thread.getContextClassLoader()).as("the plugin's loader is not left on the thread").isNull();
        assertThat(thread.isVirtual()).isFalse();
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).startsWith("plughub-plugin-call-");
        // A thread is back in the pool a moment after its call returns; one call after another, a
        // few moments apart, must find one there (a thread per call would give twenty threads).
        java.util.Set<Thread> used = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(20);
            used.add(threads.start(pluginLoader, Thread::currentThread).get(10, TimeUnit.SECONDS));
        }
        assertThat(used).as("idle threads are reused").hasSizeLessThan(20);
    }

    @Test
    void retiring_ends_the_threads_with_their_thread_locals_and_lets_a_running_call_finish() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> busy = threads.start(pluginLoader, () -> {
            started.countDown();
            release.await();
            return "finished";
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        ThreadLocal<Object> cache = new ThreadLocal<>();   // what a library inside a plugin would keep
        Thread idle = threads.start(pluginLoader, () -> {
            cache.set(new byte[1024]);
            return Thread.currentThread();
        }).get(10, TimeUnit.SECONDS);

        threads.retire();

        idle.join(10_000);
        assertThat(idle.isAlive()).as("the idle thread ended").isFalse();
        Thread fresh = threads.start(pluginLoader, Thread::currentThread).get(10, TimeUnit.SECONDS);
        assertThat(fresh).isNotSameAs(idle);
        release.countDown();
        assertThat(busy.get(10, TimeUnit.SECONDS)).as("another plugin's call in flight is not cut short").isEqualTo("finished");
    }

    @Test
    void after_close_calls_are_refused_and_retired_threads_still_running_are_interrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Future<Object> stuck = threads.start(pluginLoader, () -> {
            started.countDown();
            Thread.sleep(600_000);
            return null;
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        threads.retire();

        threads.close();

        assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
        assertThatThrownBy(() -> threads.start(pluginLoader, () -> "late")).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void a_disabled_plugins_threads_are_gone() throws Exception {
        PluginJars.plugin("named").action("where", "return Map.of(\"thread\", Thread.currentThread().threadId());")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            long id = ((Number) host.callAction("named", "where", Map.of()).get("thread")).longValue();
            Thread thread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.threadId() == id).findFirst().orElseThrow();

            host.disable("named");

            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }
}
