package dev.plughub.host.install;

import dev.plughub.host.PluginView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of an update (seed 002's {@code update}).
 *
 * @param status     {@code "completed"}, or {@code "rolled_back"} when the new version failed to start
 *                   and the old one was put back ({@link #error} says why)
 * @param backupId   the backup of the old version, for {@code rollback}
 * @param restarted  the dependents stopped around the update and started again
 * @param restartRequired the update was made without a restart ({@code restart_plugin=false}) while
 *                   the plugin ran: the old version goes on serving until the plugin's next start
 */
public record UpdateResult(String pluginId, String oldVersion, String newVersion, String status,
                           Optional<String> backupId, Instant updatedAt, Optional<String> error,
                           List<String> restarted, boolean restartRequired, PluginView plugin) {

    public UpdateResult {
        restarted = List.copyOf(restarted);
    }
}
