package dev.plughub.host.grpc;

/**
 * An out-of-process plugin could not be brought to the point of serving: its package, its
 * process, its handshake or its endpoint. The message is a sentence for an operator, shown as the
 * plugin's error as it is.
 */
public final class PluginStartFailed extends RuntimeException {

    public PluginStartFailed(String message) {
        super(message);
    }

    public PluginStartFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
