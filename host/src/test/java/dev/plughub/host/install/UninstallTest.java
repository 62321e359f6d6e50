package dev.plughub.host.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UninstallTest {

    @TempDir
    Path home;

    @Test
    void refuses_to_uninstall_a_plugin_others_depend_on() {
        PluginJars.plugin("base").build(home.resolve("plugins"));
        PluginJars.plugin("app").dependsOn("base", "^1.0.0").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.uninstall("base", UninstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_DEPENDENCY_ERROR);
                        assertThat(e.getMessage()).isEqualTo("plugin base is needed by [app]; uninstall those first, or force it");
                    });
            assertThat(host.find("base").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void force_uninstalls_and_the_dependents_fail_with_the_reason() {
        PluginJars.plugin("base").build(home.resolve("plugins"));
        PluginJars.plugin("app").dependsOn("base", "^1.0.0").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            UninstallResult result = host.uninstall("base", new UninstallOptions(true, false, false));

            assertThat(result.status()).isEqualTo("completed");
            assertThat(host.find("base")).isEmpty();
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.FAILED);
            assertThat(host.find("app").orElseThrow().error()).isEqualTo("needs plugin base ^1.0.0, which is not installed");
        }
    }

    @Test
    void keeps_a_backup_and_removes_the_data_when_asked() {
        PluginJars.plugin("notes").action("write",
                "java.nio.file.Files.writeString(context.dataDirectory().resolve(\"n.txt\"), \"x\"); return Map.of();")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.callAction("notes", "write", Map.of());
            assertThat(home.resolve("data/plugins/notes/n.txt")).exists();

            UninstallResult result = host.uninstall("notes", new UninstallOptions(false, true, true));

            assertThat(result.backupCreated()).isTrue();
            assertThat(result.backupId()).isPresent();
            assertThat(result.dataRemoved()).isTrue();
            assertThat(home.resolve("data/plugins/notes")).doesNotExist();
            assertThat(home.resolve("data/backups/notes").resolve(result.backupId().get() + ".jar")).exists();
            assertThat(home.resolve("plugins")).isEmptyDirectory();
        }
    }

    @Test
    void cleanup_forgets_the_operators_grants_so_a_reinstall_starts_from_the_manifest() {
        Path jar = PluginJars.plugin("syncer").scopes("users.read", "users.write").build(home.resolve("packages"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(jar), InstallOptions.defaults());
            host.changePermissions("syncer", Set.of(), Set.of("users.write"));

            host.uninstall("syncer", new UninstallOptions(false, false, true));
            host.install(InstallRequest.file(jar), InstallOptions.defaults());

            assertThat(host.permissions("syncer").granted()).containsExactlyInAnyOrder("users.read", "users.write");
        }
    }

    @Test
    void a_plain_uninstall_keeps_the_operators_grants_for_a_reinstall() {
        Path jar = PluginJars.plugin("syncer").scopes("users.read", "users.write").build(home.resolve("packages"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(jar), InstallOptions.defaults());
            host.changePermissions("syncer", Set.of(), Set.of("users.write"));

            host.uninstall("syncer", UninstallOptions.defaults());
            host.install(InstallRequest.file(jar), InstallOptions.defaults());

            assertThat(host.permissions("syncer").granted()).containsExactly("users.read");
        }
    }

    @Test
    void an_install_that_fails_to_start_leaves_no_grants_behind() throws Exception {
        Path crashy = PluginJars.plugin("crashy").scopes("users.read")
                .initialize("throw new IllegalStateException(\"no\");").build(home.resolve("packages"));
        Path fixed = PluginJars.plugin("crashy").version("1.0.1").scopes("users.read").build(home.resolve("packages"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(crashy), InstallOptions.defaults()))
                    .isInstanceOf(HostException.class);

            assertThat(host.find("crashy")).isEmpty();
            try (var files = java.nio.file.Files.walk(home)) {
                assertThat(files.map(Path::getFileName).map(Path::toString)).doesNotContain("crashy.json");
            }
            host.install(InstallRequest.file(fixed), InstallOptions.defaults());
            assertThat(host.permissions("crashy").granted()).containsExactly("users.read");
        }
    }

    @Test
    void keeps_the_data_by_default() {
        PluginJars.plugin("notes").action("write",
                "java.nio.file.Files.writeString(context.dataDirectory().resolve(\"n.txt\"), \"x\"); return Map.of();")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.callAction("notes", "write", Map.of());

            UninstallResult result = host.uninstall("notes", UninstallOptions.defaults());

            assertThat(result.dataRemoved()).isFalse();
            assertThat(result.backupCreated()).isFalse();
            assertThat(home.resolve("data/plugins/notes/n.txt")).exists();
        }
    }
}
