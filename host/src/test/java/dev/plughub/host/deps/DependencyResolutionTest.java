package dev.plughub.host.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import dev.plughub.host.PluginView;
import dev.plughub.host.install.InstallOptions;
import dev.plughub.host.install.InstallRequest;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyResolutionTest {

    @TempDir
    Path home;

    /** Each plugin appends its id to a shared file in initialize, so the file shows the start order. */
    private PluginJars.Builder recording(String id) {
        return PluginJars.plugin(id).initialize("java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                + home.resolve("order.txt").toString().replace("\\", "\\\\") + "\"), \"" + id + "\\n\", "
                + "java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);");
    }

    @Test
    void starts_plugins_after_the_plugins_they_depend_on() throws Exception {
        Path plugins = home.resolve("plugins");
        recording("app").dependsOn("middle", "^1.0.0").build(plugins);
        recording("middle").dependsOn("base", ">=1.0.0").build(plugins);
        recording("base").build(plugins);

        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.list()).extracting(PluginView::state).containsOnly(PluginState.ACTIVE);
            assertThat(Files.readAllLines(home.resolve("order.txt"))).containsExactly("base", "middle", "app");
            assertThat(host.find("base").orElseThrow().dependents()).containsExactly("middle");
        }
    }

    @Test
    void a_missing_dependency_fails_that_plugin_only() {
        Path plugins = home.resolve("plugins");
        PluginJars.plugin("orphan").dependsOn("ghost", "^1.0.0").build(plugins);
        PluginJars.plugin("fine").build(plugins);

        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            PluginView orphan = host.find("orphan").orElseThrow();
            assertThat(orphan.state()).isEqualTo(PluginState.FAILED);
            assertThat(orphan.error()).isEqualTo("needs plugin ghost ^1.0.0, which is not installed");
            assertThat(host.find("fine").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void installing_a_plugin_whose_dependency_is_missing_is_refused() {
        Path jar = PluginJars.plugin("orphan").dependsOn("ghost", "^1.0.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(jar), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_DEPENDENCY_ERROR);
                        assertThat(e.getMessage()).contains("orphan needs plugin ghost ^1.0.0, which is not installed",
                                "this host has no registry to fetch it from: install it first");
                    });
            assertThat(host.list()).isEmpty();
        }
    }

    @Test
    void installing_a_plugin_that_needs_another_version_of_a_dependency_is_refused() {
        Path base = PluginJars.plugin("base").version("1.4.0").build(home.resolve("build"));
        Path app = PluginJars.plugin("app").dependsOn("base", "^2.0.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(base), InstallOptions.defaults());

            assertThatThrownBy(() -> host.install(InstallRequest.file(app), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_DEPENDENCY_ERROR);
                        assertThat(e.getMessage()).contains("needs plugin base ^2.0.0, but version 1.4.0 is installed");
                    });
            assertThat(host.list()).extracting(PluginView::id).containsExactly("base");
        }
    }

    @Test
    void a_dependency_cycle_is_refused_and_reported() {
        Path plugins = home.resolve("plugins");
        PluginJars.plugin("chicken").dependsOn("egg", "*").build(plugins);
        PluginJars.plugin("egg").dependsOn("chicken", "*").build(plugins);

        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.list()).extracting(PluginView::state).containsOnly(PluginState.FAILED);
            assertThat(host.find("chicken").orElseThrow().error()).contains("dependency cycle", "chicken -> egg -> chicken");
        }
    }
}
