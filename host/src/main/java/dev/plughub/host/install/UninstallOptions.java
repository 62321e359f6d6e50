package dev.plughub.host.install;

/**
 * @param force       uninstall even though installed plugins depend on it (they are stopped and fail to resolve)
 * @param backup      keep the package as a backup first
 * @param cleanupData delete the plugin's data directory, configuration and grants too
 */
public record UninstallOptions(boolean force, boolean backup, boolean cleanupData) {

    public static UninstallOptions defaults() {
        return new UninstallOptions(false, false, false);
    }
}
