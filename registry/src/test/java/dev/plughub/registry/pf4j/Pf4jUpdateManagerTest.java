package dev.plughub.registry.pf4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.RunningRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.update.PluginInfo;
import org.pf4j.update.UpdateManager;

/**
 * The proof that an unchanged PF4J application can use Plughub as its update site: a real
 * {@code org.pf4j.update.UpdateManager}, reading the registry's {@code repositories.json}, lists,
 * installs (into a real {@code DefaultPluginManager}, which loads and starts the plugin) and updates.
 */
class Pf4jUpdateManagerTest extends RunningRegistry {

    @TempDir
    Path pluginsDir;

    @Test
    void pf4j_update_lists_installs_and_updates_a_plugin_from_a_running_registry() throws IOException {
        Publisher.published(api, Pf4jPluginJars.jar(files, "pf-hello", "1.0.0", null));
        DefaultPluginManager plugins = new DefaultPluginManager(pluginsDir);
        plugins.setSystemVersion("1.5.0");
        plugins.loadPlugins();
        UpdateManager updates = new UpdateManager(plugins, repositoriesJson());

        PluginInfo listed = updates.getPlugins().stream().filter(p -> p.id.equals("pf-hello")).findFirst().orElseThrow();
        assertThat(listed.releases).extracting(r -> r.version).containsExactly("1.0.0");
        assertThat(updates.installPlugin("pf-hello", null)).isTrue();

        PluginWrapper installed = plugins.getPlugin("pf-hello");
        assertThat(installed.getDescriptor().getVersion()).isEqualTo("1.0.0");
        assertThat(installed.getPluginState()).isEqualTo(PluginState.STARTED);
        assertThat(installed.getPlugin().getClass().getName()).isEqualTo(Pf4jPluginJars.PLUGIN_CLASS);
        assertThat(installed.getPluginPath().getFileName().toString()).isEqualTo("pf-hello-1.0.0.jar");
        assertThat(updates.hasUpdates()).isFalse();

        Publisher.published(api, Pf4jPluginJars.jar(files, "pf-hello", "1.1.0", ">=1.0.0"));
        Publisher.published(api, Pf4jPluginJars.jar(files, "pf-hello", "2.0.0", ">=2.0.0 <3.0.0"));  // not for host 1.5.0
        updates.refresh();

        assertThat(updates.hasUpdates()).isTrue();
        assertThat(updates.updatePlugin("pf-hello", null)).isTrue();
        PluginWrapper updated = plugins.getPlugin("pf-hello");
        assertThat(updated.getDescriptor().getVersion()).isEqualTo("1.1.0");
        assertThat(updated.getPluginState()).isEqualTo(PluginState.STARTED);
        try (var left = Files.list(pluginsDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("pf-hello-1.1.0.jar");
        }
    }

    /** The registry's repositories.json, saved where UpdateManager reads it (as an application would ship it). */
    private Path repositoriesJson() throws IOException {
        ApiResponse r = api.get("/pf4j/repositories.json");
        assertThat(r.status()).isEqualTo(200);
        return Files.write(files.resolve("repositories.json"), r.body());
    }
}
