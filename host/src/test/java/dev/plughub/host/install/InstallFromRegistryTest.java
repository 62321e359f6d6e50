package dev.plughub.host.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.HostConfig;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import dev.plughub.host.PluginView;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.testing.LocalRegistry;
import dev.plughub.host.testing.PluginJars;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs through a real registry: {@code POST /api/v1/resolve} for the plan, then the downloads. */
class InstallFromRegistryTest {

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

    @Test
    void installs_a_plugin_by_id_and_range_with_its_dependencies_from_the_registry() {
        publish(PluginJars.plugin("base").version("1.0.0"));
        publish(PluginJars.plugin("base").version("1.2.0"));
        publish(PluginJars.plugin("base").version("2.0.0"));
        publish(PluginJars.plugin("app").version("1.0.0").dependsOn("base", "^1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            InstallResult result = host.install(InstallRequest.registry("app", Optional.of("^1.0.0")), InstallOptions.defaults());

            assertThat(result.installed()).extracting(PluginView::id, PluginView::version)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("base", "1.2.0"),
                            org.assertj.core.groups.Tuple.tuple("app", "1.0.0"));
            assertThat(host.list()).extracting(PluginView::state).containsOnly(PluginState.ACTIVE);
            assertThat(host.callAction("app", "echo", Map.of())).containsEntry("plugin", "app");
        }
    }

    @Test
    void a_file_install_fetches_the_dependencies_the_host_lacks_from_the_registry() {
        publish(PluginJars.plugin("base").version("1.0.0"));
        publish(PluginJars.plugin("base").version("1.4.0"));
        Path app = PluginJars.plugin("app").version("2.0.0").dependsOn("base", "~1.0.0").build(home.resolve("local"));
        try (PluginHost host = PluginHost.start(config)) {
            InstallPlan plan = host.plan(InstallRequest.file(app));
            assertThat(plan.plugins()).extracting(InstallPlan.PlannedPlugin::id, InstallPlan.PlannedPlugin::version,
                            InstallPlan.PlannedPlugin::source)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("base", "1.0.0", "registry"),
                            org.assertj.core.groups.Tuple.tuple("app", "2.0.0", "file"));
            assertThat(host.list()).isEmpty();

            InstallResult result = host.install(InstallRequest.file(app), InstallOptions.defaults());

            assertThat(result.installed()).extracting(PluginView::id, PluginView::version)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("base", "1.0.0"),
                            org.assertj.core.groups.Tuple.tuple("app", "2.0.0"));
            assertThat(host.list()).extracting(PluginView::state).containsOnly(PluginState.ACTIVE);
        }
    }

    @Test
    void a_file_install_whose_dependency_no_registry_has_says_the_registries_were_asked() {
        Path app = PluginJars.plugin("lonely").dependsOn("base-lib", "^1.2.0").build(home.resolve("local"));
        try (PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(app), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_DEPENDENCY_ERROR);
                        assertThat(e.getMessage()).contains("needs plugin base-lib ^1.2.0, which is not installed",
                                "no registry this host installs from has a version of it that fits");
                    });
        }
    }

    @Test
    void plan_shows_what_would_be_installed_and_changes_nothing() {
        publish(PluginJars.plugin("base").version("1.0.0"));
        publish(PluginJars.plugin("app").version("1.0.0").dependsOn("base", "^1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            InstallPlan plan = host.plan(InstallRequest.registry("app", Optional.empty()));

            assertThat(plan.plugins()).extracting(InstallPlan.PlannedPlugin::id, InstallPlan.PlannedPlugin::action)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("base", InstallPlan.Action.INSTALL),
                            org.assertj.core.groups.Tuple.tuple("app", InstallPlan.Action.INSTALL));
            assertThat(host.list()).isEmpty();
        }
    }

    @Test
    void a_plan_for_a_plugin_already_installed_answers_what_the_install_would() {
        publish(PluginJars.plugin("base").version("1.0.0"));
        publish(PluginJars.plugin("app").version("1.0.0").dependsOn("base", "^1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            host.install(InstallRequest.registry("app", Optional.empty()), InstallOptions.defaults());

            assertThatThrownBy(() -> host.plan(InstallRequest.registry("app", Optional.empty())))
                    .isInstanceOfSatisfying(HostException.class,
                            e -> assertThat(e.code()).isEqualTo(HostError.PLUGIN_ALREADY_INSTALLED));
            InstallPlan forced = host.plan(InstallRequest.registry("app", Optional.empty()),
                    InstallOptions.defaults().withForceReinstall(true));
            assertThat(forced.plugins()).extracting(InstallPlan.PlannedPlugin::id, InstallPlan.PlannedPlugin::action)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("base", InstallPlan.Action.KEEP),
                            org.assertj.core.groups.Tuple.tuple("app", InstallPlan.Action.REPLACE));
        }
    }

    @Test
    void a_plan_refuses_what_the_install_would_and_a_dependency_that_needs_settings_is_named() {
        Map<String, Object> needsUrl = Map.of("type", "object", "properties", Map.of("url", Map.of("type", "string")),
                "required", java.util.List.of("url"));
        publish(PluginJars.plugin("needcfg").version("1.0.0").manifest("config_schema", needsUrl));
        publish(PluginJars.plugin("usesdep").version("1.0.0").dependsOn("needcfg", "^1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.plan(InstallRequest.registry("needcfg", Optional.empty())))
                    .as("dry run").isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_CONFIGURATION_ERROR);
                        assertThat(e.details()).containsOnlyKeys("url");
                    });
            for (boolean dryRun : new boolean[] {true, false}) {
                assertThatThrownBy(() -> {
                    if (dryRun) {
                        host.plan(InstallRequest.registry("usesdep", Optional.empty()));
                    } else {
                        host.install(InstallRequest.registry("usesdep", Optional.empty()), InstallOptions.defaults());
                    }
                }).as("dry run: %s", dryRun).isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.code()).isEqualTo(HostError.PLUGIN_CONFIGURATION_ERROR);
                    assertThat(e.getMessage()).contains("plugin needcfg, which usesdep needs, cannot run without its settings",
                            "url is required", "install it first");
                });
            }
            assertThat(host.list()).isEmpty();

            host.install(InstallRequest.registry("needcfg", Optional.empty()), InstallOptions.defaults().withConfig(Map.of("url", "x")));
            assertThat(host.install(InstallRequest.registry("usesdep", Optional.empty()), InstallOptions.defaults()).status())
                    .isEqualTo("completed");
        }
    }

    @Test
    void a_rollback_of_a_failed_plugin_brings_back_the_dependents_its_failure_took_down() {
        publish(PluginJars.plugin("base").version("1.0.0"));
        publish(PluginJars.plugin("app").version("1.0.0").dependsOn("base", "^1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            host.install(InstallRequest.registry("app", Optional.empty()), InstallOptions.defaults());
            publish(PluginJars.plugin("base").version("1.1.0").initialize("throw new IllegalStateException(\"1.1.0 is broken\");"));
            host.update("base", Optional.of("1.1.0"), new UpdateOptions(true, false));   // runs from the next start
            assertThatThrownBy(() -> host.restart("base")).isInstanceOf(HostException.class);
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.FAILED);

            host.rollback("base");

            assertThat(host.find("base").orElseThrow().version()).isEqualTo("1.0.0");
            assertThat(host.find("app").orElseThrow().state()).as("no restart by hand needed").isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void an_update_whose_schema_refuses_the_stored_configuration_is_refused_and_changes_nothing() {
        Map<String, Object> loose = Map.of("type", "object", "properties", Map.of("count", Map.of("type", "integer")));
        Map<String, Object> strict = Map.of("type", "object", "properties", Map.of("count", Map.of("type", "integer", "maximum", 3)));
        publish(PluginJars.plugin("counter").version("1.0.0").manifest("config_schema", loose));
        try (PluginHost host = PluginHost.start(config)) {
            host.install(InstallRequest.registry("counter", Optional.empty()), InstallOptions.defaults().withConfig(Map.of("count", 50)));
            publish(PluginJars.plugin("counter").version("1.3.0").manifest("config_schema", strict));

            assertThatThrownBy(() -> host.update("counter", Optional.of("1.3.0"), UpdateOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_CONFIGURATION_ERROR);
                        assertThat(e.getMessage()).contains("not updated to 1.3.0", "count");
                        assertThat(e.details()).containsOnlyKeys("count");
                    });
            assertThat(host.find("counter").orElseThrow().version()).isEqualTo("1.0.0");
            assertThat(host.find("counter").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void a_plan_is_applied_whole_or_not_at_all() {
        publish(PluginJars.plugin("base").version("1.0.0"));
        publish(PluginJars.plugin("app").version("1.0.0").dependsOn("base", "^1.0.0")
                .initialize("throw new IllegalStateException(\"app cannot start\");"));
        try (PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.install(InstallRequest.registry("app", Optional.empty()), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_STARTUP_FAILED);
                        assertThat(e.getMessage()).contains("app cannot start", "nothing was installed");
                    });

            assertThat(host.list()).isEmpty();
            assertThat(home.resolve("host/plugins")).isEmptyDirectory();
        }
    }

    @Test
    void a_dependency_the_registry_cannot_satisfy_is_a_dependency_error() {
        publish(PluginJars.plugin("base").version("1.0.0"));
        publish(PluginJars.plugin("app").version("1.0.0").dependsOn("base", "^3.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            assertThatThrownBy(() -> host.install(InstallRequest.registry("app", Optional.empty()), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_DEPENDENCY_ERROR);
                        assertThat(e.details()).containsKey("conflicts");
                    });
            assertThat(host.list()).isEmpty();
        }
    }

    @Test
    void update_moves_to_the_newest_version_and_restarts_dependents() {
        publish(PluginJars.plugin("base").version("1.0.0"));
        publish(PluginJars.plugin("app").version("1.0.0").dependsOn("base", "^1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            host.install(InstallRequest.registry("app", Optional.empty()), InstallOptions.defaults());
            publish(PluginJars.plugin("base").version("1.1.0"));

            UpdateResult result = host.update("base", Optional.empty(), UpdateOptions.defaults());

            assertThat(result.status()).isEqualTo("completed");
            assertThat(result.oldVersion()).isEqualTo("1.0.0");
            assertThat(result.newVersion()).isEqualTo("1.1.0");
            assertThat(result.backupId()).isPresent();
            assertThat(result.restarted()).containsExactly("app");
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.callAction("base", "echo", Map.of())).containsEntry("version", "1.1.0");

            assertThat(host.rollback("base").version()).isEqualTo("1.0.0");
        }
    }

    @Test
    void search_finds_plugins_in_the_configured_registries() {
        publish(PluginJars.plugin("searchable").version("1.0.0"));
        try (PluginHost host = PluginHost.start(config)) {
            assertThat(host.search("searchable", 10)).extracting(RemotePlugin::id).contains("searchable");
            assertThat(host.repositories()).extracting(RegistrySource::url).containsExactly(URI.create(registry.baseUrl()));
        }
    }
}
