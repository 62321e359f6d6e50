package dev.plughub.host;

/**
 * The host's error codes (seed 002's, plus the refusals of a package and of malformed requests and
 * inactive plugins), each with its HTTP status.
 */
public enum HostError {
    PLUGIN_NOT_FOUND(404),
    PLUGIN_ALREADY_INSTALLED(409),
    PLUGIN_DEPENDENCY_ERROR(409),
    PLUGIN_PERMISSION_DENIED(403),
    PLUGIN_INSTALLATION_FAILED(500),
    /** The package itself breaks a rule (not an archive, an unsafe entry, no manifest, …): {@code details.rule} names it. */
    PLUGIN_PACKAGE_INVALID(400),
    /** The package is larger than the host takes. */
    PLUGIN_PACKAGE_TOO_LARGE(413),
    PLUGIN_STARTUP_FAILED(500),
    PLUGIN_INCOMPATIBLE(400),
    PLUGIN_CONFIGURATION_ERROR(400),
    PLUGIN_COMMUNICATION_TIMEOUT(408),
    PLUGIN_ACTION_NOT_FOUND(404),
    /** The plugin is installed but not active (disabled, failed, or waiting for a dependency). */
    PLUGIN_NOT_ACTIVE(409),
    /** A rollback asked of a plugin whose updates kept no other version: the plugin is there, a version to go back to is not. */
    PLUGIN_NO_BACKUP(409),
    /** A plugin's action or message handler threw; the message carries the plugin's own words. */
    PLUGIN_ACTION_FAILED(500),
    VALIDATION_ERROR(422);

    private final int httpStatus;

    HostError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
