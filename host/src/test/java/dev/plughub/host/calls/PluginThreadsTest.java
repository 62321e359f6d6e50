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

/** Where plugin code runs: a pool per loaded plugin, named after it, ended when the plugin stops. */
class PluginThreadsTest {

    final PluginThreads threads = new PluginThreads();
    final ClassLoader pluginLoader = new URLClassLoader(new URL[0], null);

    PluginThreadsTest() {
        threads.open("weather", pluginLoader);
    }

    @TempDir
    Path home;

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void a_call_runs_on_a_platform_thread_named_after_the_plugin_with_its_loader_as_context() throws Exception {
        Thread thread = threads.start(pluginLoader, () -> {
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(pluginLoader);
            return Thread.currentThread();
        }).get(10, TimeUnit.SECONDS);

        assertThat(thread.getName()).startsWith("plugin-weather-");
        assertThat(thread.isVirtual()).isFalse();
        assertThat(thread.isDaemon()).isTrue();
        assertThat(threads.start(pluginLoader, Thread::currentThread).get(10, TimeUnit.SECONDS))
                .as("an idle thread is reused").isSameAs(thread);
        ClassLoader other = new URLClassLoader(new URL[0], null);
        threads.open("other", other);
        assertThat(threads.start(other, Thread::currentThread).get(10, TimeUnit.SECONDS).getName())
                .as("another plugin's calls run on threads of its own").startsWith("plugin-other-");
        assertThat(threads.start(null, Thread::currentThread).get(10, TimeUnit.SECONDS).getName())
                .as("calls of no loaded plugin (out of process)").startsWith("plughub-call-");
    }

    @Test
    void a_retired_plugins_threads_end_and_take_their_thread_locals_with_them() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Future<Object> stuck = threads.start(pluginLoader, () -> {
            started.countDown();
            Thread.sleep(600_000);
            return null;
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        ThreadLocal<Object> cache = new ThreadLocal<>();   // what a library inside the plugin would keep
        Thread idle = threads.start(pluginLoader, () -> {
            cache.set(new byte[1024]);
            return Thread.currentThread();
        }).get(10, TimeUnit.SECONDS);

        threads.retire(pluginLoader);

        idle.join(10_000);
        assertThat(idle.isAlive()).as("the idle thread ended").isFalse();
        assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
        assertThat(threads.start(pluginLoader, Thread::currentThread).get(10, TimeUnit.SECONDS).getName())
                .as("a late call of a retired plugin").startsWith("plughub-call-");
    }

    @Test
    void after_close_calls_are_refused() {
        threads.close();

        assertThatThrownBy(() -> threads.start(pluginLoader, () -> "late"))
                .isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void a_disabled_plugins_threads_are_gone() throws Exception {
        PluginJars.plugin("named").action("where", "return Map.of(\"thread\", Thread.currentThread().getName());")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            String name = (String) host.callAction("named", "where", Map.of()).get("thread");
            assertThat(name).startsWith("plugin-named-");
            Thread thread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(name)).findFirst().orElseThrow();

            host.disable("named");

            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }
}
