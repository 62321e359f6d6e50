package dev.plughub.host.calls;

import java.time.Duration;

/** A call into a plugin missed its deadline. */
public final class CallTimedOut extends RuntimeException {

    private final Duration deadline;

    public CallTimedOut(String pluginId, String operation, Duration deadline) {
        super("plugin " + pluginId + " did not answer " + operation + " within " + deadline.toMillis() + " ms");
        this.deadline = deadline;
    }

    public Duration deadline() {
        return deadline;
    }
}
