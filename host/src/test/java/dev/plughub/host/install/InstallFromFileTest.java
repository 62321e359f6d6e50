package dev.plughub.host.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
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

class InstallFromFileTest {

    @TempDir
    Path home;

    @Test
    void installs_a_jar_from_a_file_and_runs_its_actions() {
        Path jar = PluginJars.plugin("greeter").version("1.2.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            InstallResult result = host.install(InstallRequest.file(jar), InstallOptions.defaults());

            assertThat(result.pluginId()).isEqualTo("greeter");
            assertThat(result.version()).isEqualTo("1.2.0");
            assertThat(result.status()).isEqualTo("completed");
            assertThat(result.plugin().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(result.plugin().initializedAt()).isPresent();
            assertThat(host.callAction("greeter", "echo", Map.of("hello", "world")))
                    .containsEntry("hello", "world").containsEntry("plugin", "greeter").containsEntry("version", "1.2.0");
            assertThat(Files.exists(home.resolve("plugins/greeter.jar"))).isTrue();
            assertThat(jar).exists();
        }
    }

    @Test
    void the_installed_plugin_is_loaded_again_after_a_host_restart() {
        Path jar = PluginJars.plugin("greeter").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(jar), InstallOptions.defaults());
        }
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.find("greeter")).map(PluginView::state).contains(PluginState.ACTIVE);
        }
    }

    @Test
    void a_folder_instead_of_a_package_file_is_named_as_such() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(home.resolve("not-a-package"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(folder), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.VALIDATION_ERROR);
                        assertThat(e.getMessage()).contains(folder + " is a folder, not a package file");
                    });
        }
    }

    @Test
    void refuses_a_second_plugin_with_an_id_already_installed() {
        Path first = PluginJars.plugin("twin").version("1.0.0").build(home.resolve("build"));
        Path second = PluginJars.plugin("twin").version("2.0.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(first), InstallOptions.defaults());

            assertThatThrownBy(() -> host.install(InstallRequest.file(second), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_ALREADY_INSTALLED);
                        assertThat(e.getMessage()).contains("twin", "1.0.0");
                    });
            assertThat(host.find("twin").orElseThrow().version()).isEqualTo("1.0.0");
        }
    }

    @Test
    void refuses_a_corrupt_jar_with_a_clear_error_and_installs_nothing() {
        Path corrupt = PluginJars.corrupt(home.resolve("build"), "broken.jar");
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(corrupt), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_PACKAGE_INVALID);
                        assertThat(e.code().httpStatus()).as("the caller's package, not the host, is at fault").isEqualTo(400);
                        assertThat(e.getMessage()).startsWith("broken.jar is not a valid plugin package");
                        assertThat(e.details()).containsEntry("file", "broken.jar").containsKey("rule");
                    });
            assertThat(host.list()).isEmpty();
            assertThat(home.resolve("plugins")).isEmptyDirectory();
        }
    }

    @Test
    void refuses_a_package_over_100_mb_before_copying_it() throws Exception {
        Path huge = Files.createDirectories(home.resolve("build")).resolve("huge.jar");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(101L * 1024 * 1024);   // sparse: no disk is spent on it
        }
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(huge), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_PACKAGE_TOO_LARGE);
                        assertThat(e.code().httpStatus()).isEqualTo(413);
                        assertThat(e.getMessage()).startsWith("huge.jar is not a valid plugin package").contains("at most");
                    });
            assertThat(home.resolve("data/staging")).as("nothing was copied").isEmptyDirectory();
        }
    }

    @Test
    void refuses_a_package_whose_config_schema_is_not_json_schema() {
        Path jar = PluginJars.plugin("odd-schema").manifest("config_schema",
                Map.of("type", "object", "properties", Map.of("a", Map.of("type", "nonsense")))).build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(jar), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_PACKAGE_INVALID);
                        assertThat(e.details()).containsEntry("rule", "MANIFEST_INVALID");
                        assertThat(e.getMessage()).contains("config_schema");
                    });
            assertThat(host.list()).isEmpty();
        }
    }

    @Test
    void a_configuration_its_schema_refuses_is_named_field_by_field_and_nothing_is_installed() {
        Path jar = PluginJars.plugin("counted").manifest("config_schema",
                Map.of("type", "object", "properties", Map.of("count", Map.of("type", "integer")))).build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(jar), InstallOptions.defaults().withConfig(Map.of("count", "ten"))))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_CONFIGURATION_ERROR);
                        assertThat(e.getMessage()).contains("count must be").doesNotContain("{", "=");
                        assertThat(e.details()).containsOnlyKeys("count");
                        assertThat(e.details().get("count")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(1);
                    });
            assertThat(host.list()).isEmpty();
        }
    }

    @Test
    void a_required_setting_left_out_refuses_the_install_and_one_given_installs_it() {
        Path jar = PluginJars.plugin("keyed").manifest("config_schema", Map.of("type", "object",
                "properties", Map.of("api_key", Map.of("type", "string"), "batch", Map.of("type", "integer", "default", 5)),
                "required", java.util.List.of("api_key"))).build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            for (Map<String, Object> config : java.util.List.<Map<String, Object>>of(Map.of(), Map.of("batch", 7))) {
                assertThatThrownBy(() -> host.install(InstallRequest.file(jar), InstallOptions.defaults().withConfig(config)))
                        .as("config %s", config)
                        .isInstanceOfSatisfying(HostException.class, e -> {
                            assertThat(e.code()).isEqualTo(HostError.PLUGIN_CONFIGURATION_ERROR);
                            assertThat(e.getMessage()).contains("api_key");
                            assertThat(e.details()).containsOnlyKeys("api_key");
                        });
                assertThat(host.list()).isEmpty();
            }

            host.install(InstallRequest.file(jar), InstallOptions.defaults().withConfig(Map.of("api_key", "k-1")));

            assertThat(host.find("keyed").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.config("keyed", true).values()).containsEntry("api_key", "k-1").containsEntry("batch", 5L);
        }
    }

    @Test
    void a_package_dropped_in_without_its_required_setting_waits_failed_until_it_is_set() throws Exception {
        PluginJars.plugin("dropped").manifest("config_schema", Map.of("type", "object",
                "properties", Map.of("api_key", Map.of("type", "string")), "required", java.util.List.of("api_key")))
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            PluginView dropped = host.find("dropped").orElseThrow();
            assertThat(dropped.state()).isEqualTo(PluginState.FAILED);
            assertThat(dropped.error()).contains("api_key is required", "PUT /system/plugins/dropped/config");
            assertThatThrownBy(() -> host.restart("dropped"))
                    .isInstanceOfSatisfying(HostException.class, e -> assertThat(e.code()).isEqualTo(HostError.PLUGIN_CONFIGURATION_ERROR));

            host.configure("dropped", Map.of("api_key", "k-2"));

            assertThat(host.restart("dropped").state()).isEqualTo(PluginState.ACTIVE);
        }
    }

    @Test
    void refuses_a_package_for_another_runtime() {
        Path jar = PluginJars.plugin("pyplugin").manifest("runtime", "python").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(jar), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_INCOMPATIBLE);
                        assertThat(e.getMessage()).contains("runtime is 'python'");
                    });
        }
    }

    @Test
    void refuses_a_plugin_that_needs_a_newer_host() {
        Path jar = PluginJars.plugin("future").manifest("min_host_version", "9.0.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(jar), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_INCOMPATIBLE);
                        assertThat(e.getMessage()).contains(">=9.0.0", "1.0.0");
                    });
            assertThat(host.list()).isEmpty();
        }
    }

    @Test
    void installs_disabled_when_auto_enable_is_off() {
        Path jar = PluginJars.plugin("later").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            InstallResult result = host.install(InstallRequest.file(jar), InstallOptions.defaults().withAutoEnable(false));

            assertThat(result.plugin().state()).isEqualTo(PluginState.DISABLED);
            assertThat(result.plugin().enabled()).isFalse();
            assertThat(host.enable("later").state()).isEqualTo(PluginState.ACTIVE);
        }
    }
}
