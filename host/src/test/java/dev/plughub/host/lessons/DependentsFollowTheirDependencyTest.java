package dev.plughub.host.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.host.PluginHost;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pf4j/pf4j#394 (and hank-cp/sbp#18): after stop A, start A, start B, stopping A again left B
 * running, because the first stop had dropped what PF4J knew of B's dependency. Here the
 * dependency graph is rebuilt from the manifests on every change, so every round behaves the same.
 */
class DependentsFollowTheirDependencyTest {

    @TempDir
    Path home;

    @Test
    void every_time_a_dependency_goes_down_its_dependents_go_down_with_it_and_come_back_with_it() {
        EventLog events = new EventLog(home.resolve("events.log"));
        events.plugin("base", "1.0.0").build(home.resolve("plugins"));
        events.plugin("app", "1.0.0").dependsOn("base", "^1.0.0").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            for (int round = 0; round < 3; round++) {
                events.clear();

                host.disable("base");
                assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.STOPPED);
                host.enable("base");

                assertThat(events.lines()).as("round %d", round)
                        .containsExactly("stop app", "stop base", "start base", "start app");
                assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            }
        }
    }
}
