package dev.plughub.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import dev.plughub.host.PluginView;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnableDisableRestartTest {

    @TempDir
    Path home;

    /** A plugin that counts its initializations in its data directory. */
    private PluginJars.Builder counting(String id) {
        return PluginJars.plugin(id)
                .initialize("java.nio.file.Path file = context.dataDirectory().resolve(\"starts\");"
                        + "int n = java.nio.file.Files.exists(file) ? Integer.parseInt(java.nio.file.Files.readString(file)) : 0;"
                        + "java.nio.file.Files.writeString(file, String.valueOf(n + 1));");
    }

    private int starts(String id) throws Exception {
        return Integer.parseInt(Files.readString(home.resolve("data/plugins").resolve(id).resolve("starts")));
    }

    @Test
    void disable_stops_the_plugin_and_keeps_it_off_across_a_host_restart() {
        counting("worker").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            PluginView disabled = host.disable("worker");

            assertThat(disabled.state()).isEqualTo(PluginState.DISABLED);
            assertThat(disabled.enabled()).isFalse();
            assertThatThrownBy(() -> host.callAction("worker", "echo", Map.of()))
                    .isInstanceOfSatisfying(HostException.class, e -> assertThat(e.code()).isEqualTo(HostError.PLUGIN_NOT_ACTIVE));
        }
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.find("worker").orElseThrow().state()).isEqualTo(PluginState.DISABLED);

            assertThat(host.enable("worker").state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.callAction("worker", "echo", Map.of())).containsEntry("plugin", "worker");
        }
    }

    @Test
    void disable_lets_an_action_in_flight_finish_before_shutdown_runs() throws Exception {
        String log = home.resolve("order.log").toString().replace("\\", "\\\\");
        String append = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + log + "\"), \"%s\\n\", "
                + "java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);";
        PluginJars.plugin("slow")
                .action("sleep", append.formatted("action started") + "Thread.sleep(1500);"
                        + append.formatted("action finished") + "return Map.of(\"slept\", true);")
                .shutdown(append.formatted("shutdown"))
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> host.callAction("slow", "sleep", Map.of()));
            Path order = home.resolve("order.log");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(Files.exists(order) && Files.readString(order).contains("action started")) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }

            PluginView disabled = host.disable("slow");

            assertThat(call.get()).containsEntry("slept", true);
            assertThat(Files.readAllLines(order)).containsExactly("action started", "action finished", "shutdown");
            assertThat(disabled.state()).isEqualTo(PluginState.DISABLED);
            assertThatThrownBy(() -> host.callAction("slow", "sleep", Map.of()))
                    .isInstanceOfSatisfying(HostException.class, e -> assertThat(e.code()).isEqualTo(HostError.PLUGIN_NOT_ACTIVE));
        }
    }

    @Test
    void disable_forces_a_plugin_whose_shutdown_hangs() {
        PluginJars.plugin("stubborn").shutdown("Thread.sleep(600_000);").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            PluginView disabled = host.disable("stubborn");

            assertThat(disabled.state()).isEqualTo(PluginState.DISABLED);
            assertThat(host.list()).hasSize(1);
        }
    }

    @Test
    void restart_initializes_the_plugin_again() throws Exception {
        counting("worker").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(starts("worker")).isEqualTo(1);

            assertThat(host.restart("worker").state()).isEqualTo(PluginState.ACTIVE);

            assertThat(starts("worker")).isEqualTo(2);
        }
    }

    @Test
    void disabling_a_dependency_stops_its_dependents_and_enabling_it_starts_them_again() {
        counting("base").build(home.resolve("plugins"));
        counting("app").dependsOn("base", "^1.0.0").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.disable("base");
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.STOPPED);

            host.enable("base");

            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void enabling_a_plugin_whose_dependency_is_disabled_is_a_409_that_changes_nothing() {
        counting("base").build(home.resolve("plugins"));
        counting("app").dependsOn("base", "^1.0.0").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.disable("app");
            host.disable("base");

            assertThatThrownBy(() -> host.enable("app"))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_DEPENDENCY_ERROR);
                        assertThat(e.code().httpStatus()).isEqualTo(409);
                        assertThat(e.getMessage()).isEqualTo(
                                "plugin app cannot be enabled: it needs plugin base, which is disabled; nothing was changed");
                    });
            PluginView app = host.find("app").orElseThrow();
            assertThat(app.state()).isEqualTo(PluginState.DISABLED);
            assertThat(app.enabled()).isFalse();
        }
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.find("app").orElseThrow().enabled()).as("still off after a host restart").isFalse();
            host.enable("base");
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.DISABLED);
            assertThat(host.enable("app").state()).isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void an_unknown_plugin_is_not_found() {
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.enable("nobody"))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("no plugin with id 'nobody' is installed");
                    });
        }
    }
}
