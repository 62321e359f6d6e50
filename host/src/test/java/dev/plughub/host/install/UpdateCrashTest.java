package dev.plughub.host.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.host.PluginHost;
import dev.plughub.host.PluginView;
import dev.plughub.host.lifecycle.PluginState;
import dev.plughub.host.testing.Hosts;
import dev.plughub.host.testing.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host is killed with SIGKILL in the middle of an update; after a restart the plugin runs, the
 * old version or the new, never neither. Killed in the middle of a first install, the plugin is gone
 * after the restart, with what its install created. The plugins themselves mark the points: at each one the
 * plugin code writes {@code reached-<point>} and blocks, and the test kills the host there.
 *
 * <ul>
 *   <li>{@code old-shutdown}: backup and journal written, old package still in place, being stopped
 *   <li>{@code new-initialize}: new package in place, not yet started
 *   <li>{@code dependent-restart}: new version active, its dependent starting again, journal still open
 * </ul>
 */
class UpdateCrashTest {

    @TempDir
    Path home;

    private PluginJars.Builder withPauses(PluginJars.Builder plugin) {
        String dir = home.toString().replace("\\", "\\\\");
        return plugin.members("""
                    private static void pause(String point) throws Exception {
                        java.nio.file.Path dir = java.nio.file.Path.of("%s");
                        if (java.nio.file.Files.exists(dir.resolve("pause-" + point))) {
                            java.nio.file.Files.writeString(dir.resolve("reached-" + point), "");
                            Thread.sleep(600_000);
                        }
                    }
                """.formatted(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"old-shutdown", "new-initialize", "dependent-restart"})
    void after_a_kill_inside_an_update_the_plugin_runs_old_or_new(String point) throws Exception {
        Path hostHome = home.resolve("host");
        withPauses(PluginJars.plugin("svc").version("1.0.0")).shutdown("pause(\"old-shutdown\");").build(hostHome.resolve("plugins"));
        withPauses(PluginJars.plugin("app").version("1.0.0").dependsOn("svc", ">=1.0.0"))
                .initialize("java.nio.file.Path n = context.dataDirectory().resolve(\"starts\");"
                        + "java.nio.file.Files.writeString(n, \"x\", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);"
                        + "if (java.nio.file.Files.size(n) >= 2) { pause(\"dependent-restart\"); }")
                .build(hostHome.resolve("plugins"));
        Path update = withPauses(PluginJars.plugin("svc").version("2.0.0")).initialize("pause(\"new-initialize\");")
                .build(home.resolve("build"));
        Files.writeString(home.resolve("pause-" + point), "");

        Process child = startChild(hostHome, update);
        try {
            waitFor(home.resolve("reached-" + point), child);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        Files.delete(home.resolve("pause-" + point));

        try (PluginHost host = PluginHost.start(Hosts.config(hostHome))) {
            PluginView svc = host.find("svc").orElseThrow();
            assertThat(svc.state()).as(svc.error()).isEqualTo(PluginState.ACTIVE);
            assertThat(svc.version()).isIn("1.0.0", "2.0.0");
            assertThat(host.callAction("svc", "echo", Map.of())).containsEntry("version", svc.version());
            assertThat(host.find("app").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
            assertThat(hostHome.resolve("data/journal")).isEmptyDirectory();
        }
    }

    @org.junit.jupiter.api.Test
    void after_a_kill_inside_a_first_install_nothing_of_the_plugin_is_left() throws Exception {
        Path hostHome = home.resolve("host");
        Files.createDirectories(hostHome.resolve("plugins"));
        String marker = home.resolve("data-folder").toString().replace("\\", "\\\\");
        Path fresh = withPauses(PluginJars.plugin("fresh").version("1.0.0"))
                .initialize("java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker + "\"),"
                        + " context.dataDirectory().toString()); pause(\"fresh-initialize\");")
                .build(home.resolve("build"));
        Files.writeString(home.resolve("pause-fresh-initialize"), "");

        Process child = startChild(hostHome, fresh);
        try {
            waitFor(home.resolve("reached-fresh-initialize"), child);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        Path dataFolder = Path.of(Files.readString(home.resolve("data-folder")));
        assertThat(dataFolder).as("the install had created its data folder").exists();

        try (PluginHost host = PluginHost.start(Hosts.config(hostHome))) {
            assertThat(host.find("fresh")).as("a plugin whose install was never answered").isEmpty();
            assertThat(hostHome.resolve("plugins")).isEmptyDirectory();
            assertThat(dataFolder).doesNotExist();
            assertThat(hostHome.resolve("data/journal")).isEmptyDirectory();
        }
    }

    private static Process startChild(Path hostHome, Path update) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                UpdateCrashChild.class.getName(), hostHome.toString(), update.toString())
                .redirectErrorStream(true)
                .redirectOutput(hostHome.resolveSibling("child.log").toFile())
                .start();
    }

    /** Waits until the child reaches the point (bounded, so a broken child fails the test instead of hanging it). */
    private static void waitFor(Path marker, Process child) throws Exception {
        for (int i = 0; i < 1200 && !Files.exists(marker); i++) {
            if (!child.isAlive()) {
                throw new AssertionError("the child host exited before reaching " + marker.getFileName() + ":\n"
                        + Files.readString(marker.resolveSibling("child.log")));
            }
            Thread.sleep(50);
        }
        assertThat(marker).as("the child host reached the point").exists();
    }
}
