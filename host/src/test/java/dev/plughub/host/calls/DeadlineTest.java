package dev.plughub.host.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.observability.HealthReport;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin that hangs is marked failed at the deadline; the host and the other plugins go on. */
class DeadlineTest {

    @TempDir
    Path home;

    @Test
    void a_plugin_that_hangs_in_health_is_reported_down_and_failed_and_the_host_keeps_answering() {
        PluginJars.plugin("sleepy").health("Thread.sleep(600_000); return Health.ok();").build(home.resolve("plugins"));
        PluginJars.plugin("awake").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            HealthReport report = host.health("sleepy");

            assertThat(report.state()).isEqualTo(PluginState.FAILED);
            assertThat(report.status()).isEqualTo(HealthReport.Status.DOWN);
            assertThat(host.find("sleepy").orElseThrow().error()).isEqualTo("health did not return within 800 ms");
            assertThat(host.health("awake").status()).isEqualTo(HealthReport.Status.OK);
            assertThat(host.callAction("awake", "echo", Map.of("still", "here"))).containsEntry("still", "here");
        }
    }

    @Test
    void an_action_that_hangs_times_out_and_fails_the_plugin() {
        PluginJars.plugin("stuck").action("wait", spinUntil("stuck.release")).build(home.resolve("plugins"));
        var config = Hosts.config(home).withTimeouts(Hosts.TEST_TIMEOUTS.withAction(java.time.Duration.ofMillis(300)));
        try (PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.callAction("stuck", "wait", Map.of()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_COMMUNICATION_TIMEOUT);
                        assertThat(e.getMessage()).contains("did not answer wait within 300 ms");
                    });
            assertThat(host.find("stuck").orElseThrow().state()).isEqualTo(PluginState.FAILED);
            assertThat(host.restart("stuck").state()).isEqualTo(PluginState.ACTIVE);
        } finally {
            System.setProperty("stuck.release", "true");
        }
    }

    @Test
    void plugins_spinning_on_every_core_leave_the_other_plugins_and_the_host_answering() {
        // Virtual threads are not preempted: had the host run plugin code on them, calls that spin
        // and ignore the interrupt would keep every carrier thread, and nothing after would run.
        int cores = Runtime.getRuntime().availableProcessors();
        PluginJars.plugin("spinner").action("spin", spinUntil("spinner.release")).build(home.resolve("plugins"));
        PluginJars.plugin("awake").build(home.resolve("plugins"));
        // A second: long enough for the awake plugin's call while the spinners hold the cores.
        var config = Hosts.config(home).withTimeouts(Hosts.TEST_TIMEOUTS.withAction(java.time.Duration.ofSeconds(1)));
        try (PluginHost host = PluginHost.start(config)) {
            for (int i = 0; i < cores; i++) {
                assertThatThrownBy(() -> host.callAction("spinner", "spin", Map.of()))
                        .isInstanceOfSatisfying(HostException.class,
                                e -> assertThat(e.code()).isEqualTo(HostError.PLUGIN_COMMUNICATION_TIMEOUT));
                host.restart("spinner");
            }

            assertThat(host.callAction("awake", "echo", Map.of("still", "here"))).containsEntry("still", "here");
            assertThat(host.health("awake").status()).isEqualTo(HealthReport.Status.OK);
        } finally {
            System.setProperty("spinner.release", "true");
        }
    }

    /** An action that ignores interrupts and spins until the test, finished, sets {@code property}. */
    private static String spinUntil(String property) {
        return "while (!Boolean.getBoolean(\"" + property + "\")) { Thread.onSpinWait(); }\n"
                + "return input;";
    }

    @Test
    void an_action_that_throws_is_reported_in_the_plugins_words_and_the_plugin_stays_active() {
        PluginJars.plugin("picky").action("check", "throw new IllegalArgumentException(\"name is required\");")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.callAction("picky", "check", Map.of()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_ACTION_FAILED);
                        assertThat(e.getMessage()).contains("IllegalArgumentException: name is required");
                    });
            assertThat(host.find("picky").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void an_unknown_action_is_named_with_the_ones_offered() {
        PluginJars.plugin("small").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.callAction("small", "fly", Map.of()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_ACTION_NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("plugin small has no action 'fly'; it offers [echo]");
                    });
        }
    }
}
