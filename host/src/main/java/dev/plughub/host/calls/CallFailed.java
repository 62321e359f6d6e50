package dev.plughub.host.calls;

import dev.plughub.host.observability.LogBuffer;

/** A call into a plugin threw; {@link #getCause()} is what the plugin threw. */
public final class CallFailed extends RuntimeException {

    public CallFailed(String pluginId, String operation, Throwable cause) {
        super("plugin " + pluginId + " failed in " + operation + ": " + describe(cause), cause);
    }

    /** The plugin's own words: its exception's message, or the exception type when it gave none. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName()
                : LogBuffer.bounded(e.getClass().getSimpleName() + ": " + message);   // a plugin may throw a novel
    }
}
