package dev.plughub.host.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing an installed plugin's package (here by reinstalling from a file with force; {@code
 * update} from a registry takes the same path, see {@link InstallFromRegistryTest}).
 */
class UpdateAndRollbackTest {

    @TempDir
    Path home;

    private final InstallOptions force = InstallOptions.defaults().withForceReinstall(true);

    /** A plugin that appends "start <id>" and "stop <id>" to a shared log file. */
    private PluginJars.Builder logging(String id, String version) {
        String file = home.resolve("events.log").toString().replace("\\", "\\\\");
        String append = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + file + "\"), \"%s " + id + "\\n\", "
                + "java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);";
        return PluginJars.plugin(id).version(version).initialize(append.formatted("start")).shutdown(append.formatted("stop"));
    }

    private List<String> events() throws Exception {
        return Files.readAllLines(home.resolve("events.log"));
    }

    @Test
    void an_update_keeps_a_backup_and_restarts_the_dependents_it_stopped() throws Exception {
        logging("base", "1.0.0").build(home.resolve("plugins"));
        logging("app", "1.0.0").dependsOn("base", "^1.0.0").build(home.resolve("plugins"));
        Path newer = logging("base", "1.1.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            Files.delete(home.resolve("events.log"));

            InstallResult result = host.install(InstallRequest.file(newer), force);

            assertThat(result.plugin().version()).isEqualTo("1.1.0");
            assertThat(result.plugin().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(events()).containsExactly("stop app", "stop base", "start base", "start app");
            assertThat(home.resolve("data/backups/base")).isNotEmptyDirectory();
            assertThat(host.callAction("base", "echo", Map.of())).containsEntry("version", "1.1.0");
        }
    }

    @Test
    void an_update_whose_new_version_fails_to_start_is_rolled_back_automatically() {
        PluginJars.plugin("svc").version("1.0.0").build(home.resolve("plugins"));
        Path broken = PluginJars.plugin("svc").version("2.0.0")
                .initialize("throw new IllegalStateException(\"bad migration\");").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(broken), force))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_STARTUP_FAILED);
                        assertThat(e.getMessage()).contains("version 1.0.0 was put back", "bad migration");
                    });

            assertThat(host.find("svc").orElseThrow().version()).isEqualTo("1.0.0");
            assertThat(host.find("svc").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.callAction("svc", "echo", Map.of())).containsEntry("version", "1.0.0");
        }
    }

    @Test
    void rollback_on_demand_puts_the_previous_version_back() {
        PluginJars.plugin("svc").version("1.0.0").build(home.resolve("plugins"));
        Path newer = PluginJars.plugin("svc").version("1.5.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(newer), force);

            var view = host.rollback("svc");

            assertThat(view.version()).isEqualTo("1.0.0");
            assertThat(view.state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.callAction("svc", "echo", Map.of())).containsEntry("version", "1.0.0");
        }
    }

    @Test
    void after_an_update_that_was_rolled_back_rollback_goes_to_the_version_before_the_last_good_update() {
        PluginJars.plugin("chaos").version("1.0.0").build(home.resolve("plugins"));
        Path good = PluginJars.plugin("chaos").version("1.1.0").build(home.resolve("build"));
        Path broken = PluginJars.plugin("chaos").version("9.0.0")
                .initialize("throw new IllegalStateException(\"broken\");").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(good), force);
            assertThatThrownBy(() -> host.install(InstallRequest.file(broken), force)).isInstanceOf(HostException.class);
            assertThat(host.find("chaos").orElseThrow().version()).isEqualTo("1.1.0");

            var view = host.rollback("chaos");

            assertThat(view.version()).isEqualTo("1.0.0");
            assertThat(host.callAction("chaos", "echo", Map.of())).containsEntry("version", "1.0.0");
        }
    }

    @Test
    void each_plugin_keeps_its_five_newest_backups() throws Exception {
        PluginJars.plugin("svc").version("1.0.0").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            for (int minor = 1; minor <= 8; minor++) {
                host.install(InstallRequest.file(PluginJars.plugin("svc").version("1." + minor + ".0").build(home.resolve("build"))), force);
                Thread.sleep(2);   // backup ids are stamped to the millisecond
            }

            try (var backups = Files.list(home.resolve("data/backups/svc"))) {
                assertThat(backups.map(file -> file.getFileName().toString()).sorted().toList())
                        .hasSize(Backups.KEPT)
                        .allMatch(name -> name.matches("svc-1\\.[3-7]\\.0-\\d+\\.jar"));
            }
            assertThat(host.rollback("svc").version()).isEqualTo("1.7.0");
        }
    }

    @Test
    void a_reinstall_leaves_the_plugin_as_auto_enable_says() {
        PluginJars.plugin("svc").version("1.0.0").build(home.resolve("plugins"));
        Path again = PluginJars.plugin("svc").version("1.0.1").build(home.resolve("build"));
        Path later = PluginJars.plugin("svc").version("1.0.2").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.disable("svc");

            InstallResult enabled = host.install(InstallRequest.file(again), force);

            assertThat(enabled.plugin().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(enabled.plugin().enabled()).isTrue();
            InstallResult disabled = host.install(InstallRequest.file(later), force.withAutoEnable(false));
            assertThat(disabled.plugin().state()).isEqualTo(PluginState.DISABLED);
            assertThat(disabled.plugin().enabled()).isFalse();
            assertThat(disabled.plugin().version()).isEqualTo("1.0.2");
        }
    }

    @Test
    void rollback_without_a_backup_is_refused() {
        PluginJars.plugin("fresh").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.rollback("fresh"))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_NO_BACKUP);
                        assertThat(e.getMessage()).isEqualTo("plugin fresh has no backup of another version to roll back to");
                    });
        }
    }

    @Test
    void an_update_that_would_break_a_dependent_is_refused_before_anything_changes() {
        PluginJars.plugin("base").version("1.0.0").build(home.resolve("plugins"));
        PluginJars.plugin("app").dependsOn("base", "^1.0.0").build(home.resolve("plugins"));
        Path major = PluginJars.plugin("base").version("2.0.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(major), force))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_DEPENDENCY_ERROR);
                        assertThat(e.getMessage()).contains("app needs plugin base ^1.0.0, but version 2.0.0 is installed");
                    });
            assertThat(host.find("base").orElseThrow().version()).isEqualTo("1.0.0");
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
        }
    }
}
