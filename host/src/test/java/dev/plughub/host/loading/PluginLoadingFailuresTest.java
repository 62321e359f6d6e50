package dev.plughub.host.loading;

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
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken plugin fails alone, with an error that says what to fix; the others run. */
class PluginLoadingFailuresTest {

    @TempDir
    Path home;

    private PluginView startedWith(PluginJars.Builder broken) {
        broken.build(home.resolve("plugins"));
        PluginJars.plugin("healthy").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.find("healthy").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            return host.list().stream().filter(view -> !view.id().equals("healthy")).findFirst().orElseThrow();
        }
    }

    @Test
    void a_plugin_that_throws_in_initialize_is_failed_with_the_error_and_time() {
        PluginView failed = startedWith(PluginJars.plugin("thrower").initialize("throw new IllegalStateException(\"no database\");"));

        assertThat(failed.state()).isEqualTo(PluginState.FAILED);
        assertThat(failed.error()).contains("initialize threw", "IllegalStateException", "no database");
        assertThat(failed.failedAt()).isPresent();
    }

    @Test
    void a_jar_built_for_a_newer_java_names_the_java_it_needs() {
        PluginView failed = startedWith(PluginJars.plugin("futurejava").classFileMajor(99));

        assertThat(failed.state()).isEqualTo(PluginState.FAILED);
        assertThat(failed.error()).contains("compiled for Java 55", "this host runs Java " + Runtime.version().feature());
    }

    @Test
    void installing_a_jar_built_for_a_newer_java_is_refused_as_incompatible_naming_the_java_it_needs() {
        Path jar = PluginJars.plugin("futurejava").classFileMajor(99).build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(jar), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_INCOMPATIBLE);
                        assertThat(e.code().httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("compiled for Java 55", "--release " + Runtime.version().feature());
                    });
            assertThat(host.find("futurejava")).isEmpty();
        }
    }

    @Test
    void a_library_class_built_for_a_newer_java_is_refused_at_install_and_multi_release_classes_are_not() throws Exception {
        byte[] java55 = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 99};
        java.io.ByteArrayOutputStream library = new java.io.ByteArrayOutputStream();
        try (var jar = new java.util.zip.ZipOutputStream(library)) {
            jar.putNextEntry(new java.util.zip.ZipEntry("com/example/Helper.class"));
            jar.write(java55);
            jar.closeEntry();
        }
        Path newerLibrary = PluginJars.plugin("newlib").entry("lib/helper.jar", library.toByteArray()).build(home.resolve("build"));
        Path multiRelease = PluginJars.plugin("multirelease").entry("META-INF/versions/55/com/example/Helper.class", java55)
                .build(home.resolve("mr-build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(newerLibrary), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_INCOMPATIBLE);
                        assertThat(e.getMessage()).contains("its class com.example.Helper was compiled for Java 55");
                    });

            assertThat(host.install(InstallRequest.file(multiRelease), InstallOptions.defaults()).status()).isEqualTo("completed");
        }
    }

    @Test
    void an_entry_point_written_as_a_path_or_under_another_name_is_refused_saying_how_to_write_it() {
        Path asPath = PluginJars.plugin("pathy").manifest("entry_point", "com/example/Pathy.class").build(home.resolve("build"));
        Path padded = PluginJars.plugin("padded").manifest("entry_point", " com.example.Padded ").build(home.resolve("padded-build"));
        Path misspelt = PluginJars.plugin("typo").manifest("entry_point", null).manifest("entrypoint", "com.example.Typo")
                .build(home.resolve("typo-build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(asPath), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_INCOMPATIBLE);
                        assertThat(e.getMessage()).contains("is not a class name", "com.example.GreeterPlugin");
                    });
            assertThatThrownBy(() -> host.install(InstallRequest.file(padded), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> assertThat(e.code()).isEqualTo(HostError.PLUGIN_INCOMPATIBLE));
            assertThatThrownBy(() -> host.install(InstallRequest.file(misspelt), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> assertThat(e.getMessage())
                            .contains("names no entry_point", "it has 'entrypoint': the field is entry_point"));
        }
    }

    @Test
    void a_missing_class_is_named() {
        PluginView failed = startedWith(PluginJars.plugin("holes")
                .source("Helper", "public class Helper { public static String hi() { return \"hi\"; } }")
                .initialize("Helper.hi();")
                .omitClass("Helper"));

        assertThat(failed.state()).isEqualTo(PluginState.FAILED);
        assertThat(failed.error()).contains("Helper", "is missing");
    }

    @Test
    void a_class_missing_only_inside_an_action_is_named_with_where_to_package_it() {
        PluginJars.plugin("late-holes")
                .source("Helper", "public class Helper { public static String hi() { return \"hi\"; } }")
                .action("hi", "return java.util.Map.of(\"said\", Helper.hi());")
                .omitClass("Helper")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.find("late-holes").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);

            assertThatThrownBy(() -> host.callAction("late-holes", "hi", java.util.Map.of()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_ACTION_FAILED);
                        assertThat(e.getMessage()).contains("NoClassDefFoundError", "Helper",
                                "package it in the plugin's jar or under lib/");
                    });
        }
    }

    @Test
    void a_manifest_that_lists_an_action_the_code_does_not_offer_or_a_misspelt_field_is_warned_of_in_the_plugins_log() {
        PluginJars.plugin("promiser").manifest("actions", java.util.List.of("echo", "greet"))
                .manifest("permisions", java.util.List.of("users.read")).build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.find("promiser").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);

            assertThat(host.logs("promiser", dev.plughub.host.observability.LogQuery.all()).entries())
                    .anySatisfy(entry -> {
                        assertThat(entry.level().name()).isEqualTo("WARNING");
                        assertThat(entry.message()).contains("does not offer: [greet]", "it offers [echo]");
                    })
                    .anySatisfy(entry -> assertThat(entry.message()).contains("'permisions'", "did you mean 'permissions'?"));
        }
    }

    @Test
    void an_entry_point_that_is_not_in_the_jar_is_named() {
        PluginView failed = startedWith(PluginJars.plugin("lost").entryPoint("com.example.Nowhere"));

        assertThat(failed.error()).isEqualTo("the entry point class com.example.Nowhere is not in the plugin's jar");
    }

    @Test
    void an_entry_point_that_is_not_a_plugin_is_named() {
        PluginJars.Builder builder = PluginJars.plugin("notaplugin")
                .source("Other", "public class Other { }");
        PluginView failed = startedWith(builder.entryPoint(builder.packageName() + ".Other"));

        assertThat(failed.error()).contains("does not implement dev.plughub.plugin.Plugin");
    }

    @Test
    void install_reports_a_plugin_that_does_not_start_and_keeps_nothing() {
        var jar = PluginJars.plugin("thrower").initialize("throw new IllegalStateException(\"boom\");").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThatThrownBy(() -> host.install(InstallRequest.file(jar), InstallOptions.defaults()))
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.code()).isEqualTo(HostError.PLUGIN_STARTUP_FAILED);
                        assertThat(e.getMessage()).contains("boom", "nothing was installed");
                    });
            assertThat(host.list()).isEmpty();
            assertThat(home.resolve("plugins")).isEmptyDirectory();
        }
    }

    @Test
    void classes_in_library_jars_under_lib_are_loaded() {
        PluginJars.plugin("bundled")
                .source("Helper", "public class Helper { public static String hi() { return \"from lib\"; } }")
                .action("hi", "return Map.of(\"said\", Helper.hi());")
                .libraryClass("Helper")
                .build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.callAction("bundled", "hi", java.util.Map.of())).containsEntry("said", "from lib");
        }
    }
}
