package dev.plughub.host.loading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.host.PluginHost;
import dev.plughub.host.install.InstallOptions;
import dev.plughub.host.install.InstallRequest;
import dev.plughub.host.install.UninstallOptions;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PF4J's users report loaders that never go away after unload; here every one must be collectable. */
class ClassLoaderLeakTest {

    private static final int CYCLES = 100;
    private static final int MAX_GC_ROUNDS = 50;

    @TempDir
    Path home;

    @Test
    void leaves_no_class_loader_behind_after_100_install_and_uninstall_cycles() throws Exception {
        // The plugin subscribes to events, logs and counts, so the host's per-plugin state is exercised too.
        Path jar = PluginJars.plugin("transient")
                .initialize("context.events().subscribe(\"plugin.#\", event -> { });"
                        + "context.logger().log(System.Logger.Level.INFO, \"started\");"
                        + "context.metrics().increment(\"starts\");")
                .action("loader", "return Map.of(\"loader\", getClass().getClassLoader());")
                .build(home.resolve("build"));
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            for (int i = 0; i < CYCLES; i++) {
                host.install(InstallRequest.file(jar), InstallOptions.defaults());
                Object loader = host.callAction("transient", "loader", Map.of()).get("loader");
                loaders.add(new WeakReference<>((ClassLoader) loader));
                host.uninstall("transient", new UninstallOptions(false, false, true));
            }
            assertThat(loaders).hasSize(CYCLES);
            for (int round = 0; round < MAX_GC_ROUNDS && loaders.stream().anyMatch(ref -> ref.get() != null); round++) {
                System.gc();
                Thread.sleep(100);
            }
            assertThat(loaders.stream().filter(ref -> ref.get() != null).count())
                    .as("plugin class loaders still reachable after uninstall").isZero();
        }
    }
}
