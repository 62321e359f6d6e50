package dev.plughub.client;

/**
 * The registry could not be reached, the connection broke, or the registry stopped answering in time;
 * {@link #reason()} tells which, so a caller can say what to do about it.
 */
public final class RegistryUnreachableException extends PlughubClientException {

    /** What kept the answer from arriving. */
    public enum Reason {
        /** Nothing listens at the address. */
        CONNECTION_REFUSED,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** No connection, no answer, or no bytes of a transfer within the client's time limits. */
        TIMED_OUT,
        /** The TLS handshake failed: not TLS on that port, or a certificate this JVM does not trust. */
        TLS,
        /** The call was interrupted in this process. */
        INTERRUPTED,
        /** The connection broke, or anything else. */
        CONNECTION_BROKEN
    }

    private final Reason reason;

    public RegistryUnreachableException(String message, Throwable cause) {
        this(message, Reason.CONNECTION_BROKEN, cause);
    }

    public RegistryUnreachableException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
