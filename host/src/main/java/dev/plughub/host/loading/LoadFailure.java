package dev.plughub.host.loading;

/** A plugin's code could not be loaded; the message says why in words an operator can act on. */
public final class LoadFailure extends RuntimeException {

    public LoadFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
