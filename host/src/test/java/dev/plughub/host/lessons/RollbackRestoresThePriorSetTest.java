package dev.plughub.host.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.HostConfig;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import dev.plughub.host.PluginView;
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
 * Jenkins users roll back a bad plugin update by hand on the file system
 * (jenkinsci/job-config-history-plugin#616, jenkinsci/plugin-installation-manager-tool#646). Here a
 * replacement that does not start is rolled back by the host, and the plan is all-or-nothing: the
 * dependencies fetched for the new version leave with it.
 */
class RollbackRestoresThePriorSetTest {

    @TempDir
    Path home;

    private LocalRegistry registry;
    private HostConfig config;

    @BeforeEach
    void startRegistry() {
        registry = LocalRegistry.start(home);
        config = registry.hostConfig();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private void publish(PluginJars.Builder plugin) {
        registry.publish(plugin);
    }

    private static PluginJars.Builder brokenSvc(String version) {
        return PluginJars.plugin("svc").version(version).dependsOn("helper", "^1.0.0")
                .initialize("throw new IllegalStateException(\"bad migration\");");
    }

    @Test
    void a_force_reinstall_that_is_rolled_back_removes_the_dependencies_it_installed() {
        publish(PluginJars.plugin("helper").version("1.0.0"));
        PluginJars.plugin("svc").version("1.0.0").build(home.resolve("host/plugins"));
        Path broken = brokenSvc("2.0.0").build(home.resolve("local"));
        try (PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(broken), InstallOptions.defaults().withForceReinstall(true)))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_STARTUP_FAILED);
                        assertThat(e.getMessage()).contains("version 1.0.0 was put back and the plugins installed for it were removed",
                                "bad migration");
                    });

            assertThat(host.list()).extracting(PluginView::id, PluginView::version, PluginView::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("svc", "1.0.0", PluginState.ACTIVE));
            assertThat(home.resolve("host/plugins/helper.jar")).doesNotExist();
        }
        try (PluginHost host = PluginHost.start(config)) {
            assertThat(host.list()).extracting(PluginView::id).containsExactly("svc");
        }
    }

    @Test
    void an_update_from_the_registry_that_is_rolled_back_removes_the_dependencies_it_installed() {
        publish(PluginJars.plugin("svc").version("1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            host.install(InstallRequest.registry("svc", Optional.empty()), InstallOptions.defaults());
            publish(PluginJars.plugin("helper").version("1.0.0"));
            publish(brokenSvc("2.0.0"));

            UpdateResult result = host.update("svc", Optional.empty(), UpdateOptions.defaults());

            assertThat(result.status()).isEqualTo("rolled_back");
            assertThat(result.error()).get().asString().contains("bad migration");
            assertThat(host.list()).extracting(PluginView::id, PluginView::version, PluginView::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("svc", "1.0.0", PluginState.ACTIVE));
            assertThat(host.callAction("svc", "echo", Map.of())).containsEntry("version", "1.0.0");
        }
    }

    @Test
    void a_force_reinstall_whose_dependencies_do_not_resolve_installs_none_of_them() {
        publish(PluginJars.plugin("helper").version("1.0.0"));
        PluginJars.plugin("base").version("1.0.0").build(home.resolve("host/plugins"));
        PluginJars.plugin("svc").version("1.0.0").build(home.resolve("host/plugins"));
        // helper would come from the registry; base is installed in a version svc 2.0.0 does not accept.
        Path needsMore = PluginJars.plugin("svc").version("2.0.0").dependsOn("helper", "^1.0.0")
                .dependsOn("base", "^2.0.0").build(home.resolve("local"));
        try (PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(needsMore), InstallOptions.defaults().withForceReinstall(true)))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_DEPENDENCY_ERROR);
                        assertThat(e.getMessage()).contains("svc needs plugin base ^2.0.0, but version 1.0.0 is installed",
                                "nothing was changed");
                    });

            assertThat(host.list()).extracting(PluginView::id, PluginView::version, PluginView::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("base", "1.0.0", PluginState.ACTIVE),
                    org.assertj.core.groups.Tuple.tuple("svc", "1.0.0", PluginState.ACTIVE));
            assertThat(home.resolve("host/plugins/helper.jar")).doesNotExist();
        }
    }

    @Test
    void an_install_the_registry_cannot_resolve_names_the_missing_dependency_and_installs_nothing() {
        publish(PluginJars.plugin("app").version("1.0.0").dependsOn("absent", "^1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.install(InstallRequest.registry("app", Optional.empty()), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_DEPENDENCY_ERROR);
                        assertThat(e.getMessage()).contains("cannot resolve app", "absent");
                        assertThat(e.details().get("conflicts")).asList().isNotEmpty();
                    });
            assertThat(host.list()).isEmpty();
        }
    }
}
