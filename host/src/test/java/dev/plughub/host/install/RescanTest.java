package dev.plughub.host.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.host.PluginHost;
import dev.plughub.host.PluginView;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RescanTest {

    @TempDir
    Path home;

    @Test
    void picks_up_a_jar_dropped_into_the_plugins_directory() {
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.list()).isEmpty();
            PluginJars.plugin("dropped").build(home.resolve("plugins"));

            RescanResult result = host.rescan();

            assertThat(result.added()).containsExactly("dropped");
            assertThat(result.problems()).isEmpty();
            assertThat(host.find("dropped")).map(PluginView::state).contains(PluginState.ACTIVE);
            assertThat(host.callAction("dropped", "echo", Map.of())).containsEntry("plugin", "dropped");
        }
    }

    @Test
    void refuses_a_second_file_with_the_same_id_with_a_clear_error() {
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(PluginJars.plugin("twin").version("1.0.0").build(home.resolve("build"))),
                    InstallOptions.defaults());
            PluginJars.plugin("twin").version("2.0.0").buildAs(home.resolve("plugins/twin-copy.jar"));

            RescanResult result = host.rescan();

            assertThat(result.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.file()).isEqualTo("twin-copy.jar");
                assertThat(problem.error()).isEqualTo("plugin twin is already installed from twin.jar; remove one of the two files");
            });
            assertThat(host.find("twin").orElseThrow().version()).isEqualTo("1.0.0");
        }
    }

    @Test
    void forgets_a_plugin_whose_file_was_removed() throws Exception {
        PluginJars.plugin("gone").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            Files.delete(home.resolve("plugins/gone-1.0.0.jar"));

            RescanResult result = host.rescan();

            assertThat(result.removed()).containsExactly("gone");
            assertThat(host.find("gone")).isEmpty();
        }
    }

    @Test
    void reports_a_corrupt_file_and_loads_the_rest() {
        PluginJars.corrupt(home.resolve("plugins"), "junk.jar");
        PluginJars.plugin("good").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            RescanResult result = host.rescan();

            assertThat(result.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.file()).isEqualTo("junk.jar");
                assertThat(problem.error()).contains("not a valid plugin package");
            });
            assertThat(host.find("good")).map(PluginView::state).contains(PluginState.ACTIVE);
        }
    }
}
