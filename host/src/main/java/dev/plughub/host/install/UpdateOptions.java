package dev.plughub.host.install;

/**
 * @param backupCurrent keep the old package as a backup after a successful update (for
 *                      {@code rollback}); during the update a backup is always made, since the
 *                      automatic rollback needs it
 * @param restartPlugin stop the plugin and its dependents, start the new version and them again
 *                      (rolling back when it fails to start); when false nothing is stopped: the
 *                      new package is put in place, a running plugin keeps serving with the version
 *                      it runs, and the new one takes over at its next start (restart, enable, host
 *                      start), whose restart brings the dependents back like any restart
 */
public record UpdateOptions(boolean backupCurrent, boolean restartPlugin) {

    public static UpdateOptions defaults() {
        return new UpdateOptions(true, true);
    }
}
