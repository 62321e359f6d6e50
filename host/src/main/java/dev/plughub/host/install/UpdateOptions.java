package dev.plughub.host.install;

/**
 * @param backupCurrent keep the old package as a backup after a successful update (for
 *                      {@code rollback}); during the update a backup is always made, since the
 *                      automatic rollback needs it
 * @param restartPlugin start the new version (and the dependents stopped for the update) right
 *                      away; when false they are left stopped, to be started by enable or restart
 */
public record UpdateOptions(boolean backupCurrent, boolean restartPlugin) {

    public static UpdateOptions defaults() {
        return new UpdateOptions(true, true);
    }
}
