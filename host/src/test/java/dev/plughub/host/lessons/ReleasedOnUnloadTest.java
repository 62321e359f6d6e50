package dev.plughub.host.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plughub.host.PluginHost;
import dev.plughub.host.install.InstallOptions;
import dev.plughub.host.install.InstallRequest;
import dev.plughub.host.install.UninstallOptions;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After an update PF4J users still ran the old classes (pf4j/pf4j#495) and found the old class
 * loader alive (pf4j/pf4j#505); after unload the jar stayed open, so it could not be deleted or
 * replaced on Windows (pf4j/pf4j#217, pf4j/pf4j#334), even for a plugin that never started
 * (pf4j/pf4j#546). Here what a stopped plugin held is released: its class loader can be collected
 * and no file handle on its jar stays open.
 */
class ReleasedOnUnloadTest {

    private static final int MAX_GC_ROUNDS = 50;

    @TempDir
    Path home;

    private static PluginJars.Builder svc(String version) {
        return PluginJars.plugin("svc").version(version).action("loader", "return Map.of(\"loader\", getClass().getClassLoader());");
    }

    @Test
    void the_class_loaders_of_a_replaced_version_and_of_a_restarted_instance_can_be_collected() throws Exception {
        svc("1.0.0").build(home.resolve("plugins"));
        Path newer = svc("1.1.0").build(home.resolve("build"));
        List<WeakReference<ClassLoader>> released = new ArrayList<>();
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            released.add(new WeakReference<>((ClassLoader) host.callAction("svc", "loader", Map.of()).get("loader")));
            host.install(InstallRequest.file(newer), InstallOptions.defaults().withForceReinstall(true));
            released.add(new WeakReference<>((ClassLoader) host.callAction("svc", "loader", Map.of()).get("loader")));
            host.restart("svc");

            assertThat(host.callAction("svc", "echo", Map.of())).containsEntry("version", "1.1.0");
            for (int round = 0; round < MAX_GC_ROUNDS && released.stream().anyMatch(ref -> ref.get() != null); round++) {
                System.gc();
                Thread.sleep(100);
            }
            assertThat(released).as("class loaders of stopped instances still reachable")
                    .allSatisfy(ref -> assertThat(ref.get()).isNull());
        }
    }

    @Test
    void no_file_handle_on_a_plugin_jar_stays_open_after_uninstall() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to list open files");
        Path jar = PluginJars.plugin("transient").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(jar), InstallOptions.defaults());
            assertThat(openFilesUnder(home.resolve("plugins"))).as("open while it runs").isNotEmpty();

            host.uninstall("transient", new UninstallOptions(false, false, true));

            assertThat(openFilesUnder(home.resolve("plugins"))).isEmpty();
        }
    }

    @Test
    void no_file_handle_on_a_plugin_jar_stays_open_after_it_failed_to_start() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to list open files");
        PluginJars.plugin("broken").entryPoint("com.example.Missing").build(home.resolve("plugins"));
        PluginJars.plugin("throws").initialize("throw new IllegalStateException(\"boom\");").build(home.resolve("plugins"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            assertThat(host.find("broken").orElseThrow().state()).isEqualTo(PluginState.FAILED);
            assertThat(host.find("throws").orElseThrow().state()).isEqualTo(PluginState.FAILED);

            assertThat(openFilesUnder(home.resolve("plugins"))).isEmpty();
        }
    }

    @Test
    void after_an_update_no_handle_on_the_replaced_jar_stays_open() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to list open files");
        svc("1.0.0").build(home.resolve("plugins"));
        Path newer = svc("1.1.0").build(home.resolve("build"));
        try (PluginHost host = PluginHost.start(Hosts.config(home))) {
            host.install(InstallRequest.file(newer), InstallOptions.defaults().withForceReinstall(true));

            // The running version's jar is open; the replaced one would show as "(deleted)".
            assertThat(openFilesUnder(home.resolve("plugins"))).isNotEmpty().noneMatch(file -> file.endsWith("(deleted)"));
        }
    }

    /** The files under {@code dir} this process holds open, as /proc names them. */
    private static List<String> openFilesUnder(Path dir) throws IOException {
        String prefix = dir.toRealPath().toString();
        List<String> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(prefix)) {
                        open.add(target);
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor was closed between listing and reading it: not open.
                }
            }
        }
        return open;
    }
}
