package dev.plughub.registry.storage;

/**
 * The configured database cannot be used: unreachable, wrong credentials, missing, or its schema is
 * newer than this build knows. The message is one sentence that names what is wrong and the setting
 * to change; the node refuses to start with it.
 */
public final class DatabaseSetupException extends RuntimeException {

    public DatabaseSetupException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseSetupException(String message) {
        super(message);
    }
}
