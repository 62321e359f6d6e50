package dev.plughub.host.install;

import dev.plughub.host.PluginView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A completed install (seed 002's {@code installation} and {@code plugin}).
 *
 * @param installed every plugin the plan installed, dependencies first, as they are now
 */
public record InstallResult(String pluginId, String version, String status, Instant installedAt, Duration duration,
                            PluginView plugin, List<PluginView> installed) {

    public InstallResult {
        installed = List.copyOf(installed);
    }
}
