package dev.plughub.host.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import dev.plughub.host.PluginView;
import dev.plughub.host.install.InstallOptions;
import dev.plughub.host.install.InstallRequest;
import dev.plughub.host.install.UninstallOptions;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.observability.LogQuery;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PF4J started a plugin whose required dependency had failed (pf4j/pf4j#628), stopped loading
 * every plugin when one dependency was missing (pf4j/pf4j#459), and plugin hosts without deadlines
 * let one plugin's start-up hang everything (gentics/mesh#955). Jenkins left a required dependency
 * disabled under a newly installed plugin (jenkinsci/jenkins#2299, JENKINS-34494). Here a failure
 * stays with its plugin and its dependents, and says why.
 */
class FailuresStayPerPluginTest {

    @TempDir
    Path home;

    @Test
    void an_action_that_throws_is_in_the_plugins_log_and_its_health_and_a_novel_of_a_message_is_cut() {
        PluginJars.plugin("brittle").action("boom", "throw new IllegalStateException(\"the disk is full\");")
                .action("novel", "throw new IllegalStateException(\"x\".repeat(100_000));")
                .buildAs(home.resolve("plugins").resolve("brittle.jar"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.callAction("brittle", "boom", Map.of()))
                    .isInstanceOfSatisfying(HostException.class, e -> assertThat(e.code()).isEqualTo(HostError.PLUGIN_ACTION_FAILED));

            assertThat(host.logs("brittle", LogQuery.all()).entries())
                    .anySatisfy(entry -> assertThat(entry.message()).contains("boom", "the disk is full"));
            assertThat(host.health("brittle").lastError()).contains("the disk is full");
            assertThat(host.list()).extracting(PluginView::state).containsOnly(PluginState.ACTIVE);

            assertThatThrownBy(() -> host.callAction("brittle", "novel", Map.of()))
                    .isInstanceOfSatisfying(HostException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(6_000));
        }
    }

    @Test
    void a_dependency_installed_again_brings_back_the_plugin_that_failed_without_it() {
        Path base = PluginJars.plugin("base").version("1.0.0").build(home.resolve("build"));
        Path app = PluginJars.plugin("app").version("1.0.0").dependsOn("base", "^1.0.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(base), InstallOptions.defaults());
            host.install(InstallRequest.file(app), InstallOptions.defaults());
            host.uninstall("base", new UninstallOptions(true, false, false));
            assertThat(host.find("app").orElseThrow().state()).isNotEqualTo(PluginState.ACTIVE);

            host.install(InstallRequest.file(base), InstallOptions.defaults());

            assertThat(host.find("app").orElseThrow().state()).as("no restart by hand needed").isEqualTo(PluginState.ACTIVE);
            assertThat(host.callAction("app", "echo", Map.of())).containsEntry("plugin", "app");
        }
    }

    @Test
    void a_plugin_whose_dependency_failed_to_start_is_failed_with_that_reason_and_the_rest_run() {
        PluginJars.plugin("base").initialize("throw new IllegalStateException(\"no database\");").build(home.resolve("plugins"));
        PluginJars.plugin("app").dependsOn("base", "^1.0.0").build(home.resolve("plugins"));
        PluginJars.plugin("other").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            PluginView base = host.find("base").orElseThrow();
            PluginView app = host.find("app").orElseThrow();

            assertThat(base.state()).isEqualTo(PluginState.FAILED);
            assertThat(base.error()).contains("no database");
            assertThat(app.state()).isEqualTo(PluginState.FAILED);
            assertThat(app.error()).contains("needs plugin base, which is failed", "no database");
            assertThat(host.find("other").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.callAction("other", "echo", Map.of())).containsEntry("plugin", "other");
        }
    }

    @Test
    void restarting_a_repaired_dependency_brings_back_the_dependents_its_failure_took_down() throws Exception {
        Path broken = home.resolve("base-is-broken");
        PluginJars.plugin("base").initialize("if (java.nio.file.Files.exists(java.nio.file.Path.of(\""
                + broken.toString().replace("\\", "/") + "\"))) throw new IllegalStateException(\"broken on purpose\");")
                .build(home.resolve("plugins"));
        PluginJars.plugin("app").dependsOn("base", "^1.0.0").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            java.nio.file.Files.createFile(broken);
            assertThatThrownBy(() -> host.restart("base")).isInstanceOf(HostException.class);
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.FAILED);

            java.nio.file.Files.delete(broken);
            host.restart("base");

            assertThat(host.find("base").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void a_plugin_that_hangs_in_initialize_and_ignores_interrupts_fails_alone_and_the_host_starts_the_others() {
        // Sleeps through interrupts for 20 s, then gives up, so the test leaves no thread behind for long.
        PluginJars.plugin("stuck").initialize("""
                long end = System.nanoTime() + 20_000_000_000L;
                while (System.nanoTime() < end) {
                    try { Thread.sleep(50); } catch (InterruptedException ignored) { }
                }""").build(home.resolve("plugins"));
        PluginJars.plugin("needs-stuck").dependsOn("stuck", "^1.0.0").build(home.resolve("plugins"));
        PluginJars.plugin("fine").build(home.resolve("plugins"));
        var config = Hosts.config(home).withTimeouts(Hosts.TEST_TIMEOUTS.withInitialize(Duration.ofSeconds(1)));
        try (PluginHost host = PluginHost.start(config)) {
            assertThat(host.find("stuck").orElseThrow().state()).isEqualTo(PluginState.FAILED);
            assertThat(host.find("stuck").orElseThrow().error()).isEqualTo("initialize did not return within 1000 ms");
            assertThat(host.find("needs-stuck").orElseThrow().error()).contains("needs plugin stuck, which is failed");
            assertThat(host.find("fine").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.callAction("fine", "echo", Map.of())).containsEntry("plugin", "fine");
        }
    }

    @Test
    void installing_a_plugin_whose_dependency_is_disabled_is_refused_with_the_reason_and_installs_nothing() {
        PluginJars.plugin("base").build(home.resolve("plugins"));
        Path app = PluginJars.plugin("app").dependsOn("base", "^1.0.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.disable("base");

            assertThatThrownBy(() -> host.install(InstallRequest.file(app), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_DEPENDENCY_ERROR);
                        assertThat(e.getMessage()).contains("needs plugin base, which is disabled", "nothing was installed");
                    });
            assertThat(host.find("app")).isEmpty();
            assertThat(home.resolve("plugins/app.jar")).doesNotExist();
            assertThat(host.find("base").orElseThrow().state()).isEqualTo(PluginState.DISABLED);
        }
    }
}
