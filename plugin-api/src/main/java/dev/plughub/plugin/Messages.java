package dev.plughub.plugin;

import java.time.Duration;
import java.util.Map;

/** Request/response between plugins. */
public interface Messages {

    /**
     * Sends a message to another plugin and waits for its reply, at most {@code timeout} (capped by
     * the host's own deadline).
     *
     * @throws MessageFailedException when the target is missing, not active, fails or times out
     */
    Map<String, Object> request(String pluginId, String type, Map<String, Object> payload, Duration timeout);
}
