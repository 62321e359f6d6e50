package dev.plughub.host.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.host.HostConfig;
import dev.plughub.host.PluginHost;
import dev.plughub.host.install.InstallOptions;
import dev.plughub.host.install.InstallRequest;
import dev.plughub.host.install.UpdateOptions;
import dev.plughub.host.install.UpdateResult;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.testing.LocalRegistry;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pf4j/pf4j-update#66 and pf4j/pf4j#267: updating a plugin others depend on leaves them stopped
 * while the update reports success. Seed 002's {@code restart_plugin=false} asks for an update that
 * interrupts nothing: the new version is installed, the plugin stays as it was, and whenever the
 * new version comes to run its dependents run with it.
 */
class UpdateWithoutRestartTest {

    private static final UpdateOptions NO_RESTART = new UpdateOptions(true, false);

    @TempDir
    Path home;

    private LocalRegistry registry;
    private HostConfig config;
    private EventLog events;

    @BeforeEach
    void startRegistry() {
        registry = LocalRegistry.start(home);
        config = registry.hostConfig();
        events = new EventLog(home.resolve("events.log"));
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private void publish(PluginJars.Builder plugin) {
        registry.publish(plugin);
    }

    @Test
    void an_update_without_restart_stops_nothing_and_the_new_version_takes_over_with_its_dependents_at_restart() {
        publish(events.plugin("base", "1.0.0"));
        publish(events.plugin("app", "1.0.0").dependsOn("base", "^1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            host.install(InstallRequest.registry("app", Optional.empty()), InstallOptions.defaults());
            publish(events.plugin("base", "1.1.0"));
            events.clear();

            UpdateResult result = host.update("base", Optional.empty(), NO_RESTART);

            assertThat(result.status()).isEqualTo("completed");
            assertThat(result.newVersion()).isEqualTo("1.1.0");
            assertThat(result.restartRequired()).isTrue();
            assertThat(result.backupId()).isPresent();
            assertThat(events.lines()).as("plugins stopped or started by the update").isEmpty();
            assertThat(host.find("base").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.callAction("base", "echo", Map.of())).as("the running instance until the restart")
                    .containsEntry("version", "1.0.0");
            var waiting = host.find("base").orElseThrow();
            assertThat(waiting.version()).as("installed").isEqualTo("1.1.0");
            assertThat(waiting.runningVersion()).as("what answers calls").contains("1.0.0");
            assertThat(waiting.restartRequired()).isTrue();

            host.restart("base");

            var restarted = host.find("base").orElseThrow();
            assertThat(restarted.runningVersion()).contains("1.1.0");
            assertThat(restarted.restartRequired()).isFalse();

            assertThat(events.lines()).containsExactly("stop app", "stop base", "start base", "start app");
            assertThat(host.callAction("base", "echo", Map.of())).containsEntry("version", "1.1.0");
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void an_update_without_restart_of_a_disabled_plugin_keeps_it_disabled_and_enabling_it_brings_back_its_dependents() {
        publish(events.plugin("base", "1.0.0"));
        publish(events.plugin("app", "1.0.0").dependsOn("base", "^1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            host.install(InstallRequest.registry("app", Optional.empty()), InstallOptions.defaults());
            host.disable("base");
            publish(events.plugin("base", "1.1.0"));
            events.clear();

            UpdateResult result = host.update("base", Optional.empty(), NO_RESTART);

            assertThat(result.restartRequired()).as("nothing runs the old version").isFalse();
            assertThat(events.lines()).isEmpty();
            assertThat(host.find("base").orElseThrow().state()).isEqualTo(PluginState.DISABLED);
            assertThat(host.find("base").orElseThrow().version()).isEqualTo("1.1.0");
            assertThat(host.find("base").orElseThrow().runningVersion()).as("nothing runs").isEmpty();
            assertThat(host.find("base").orElseThrow().restartRequired()).isFalse();

            host.enable("base");

            assertThat(events.lines()).containsExactly("start base", "start app");
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.callAction("base", "echo", Map.of())).containsEntry("version", "1.1.0");
        }
    }

    @Test
    void the_version_installed_without_restart_is_the_one_a_host_restart_runs() {
        publish(events.plugin("base", "1.0.0"));
        publish(events.plugin("app", "1.0.0").dependsOn("base", "^1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            host.install(InstallRequest.registry("app", Optional.empty()), InstallOptions.defaults());
            publish(events.plugin("base", "1.1.0"));
            host.update("base", Optional.empty(), NO_RESTART);
        }
        try (PluginHost host = PluginHost.start(config)) {
            assertThat(host.callAction("base", "echo", Map.of())).containsEntry("version", "1.1.0");
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
        }
    }
}
