package dev.plughub.plugin;

import java.util.Map;

/**
 * A message delivered to {@link Plugin#onMessage}.
 *
 * @param from     the id of the sending plugin, or {@code "host"} when an operator sent it
 * @param type     what the message is about, chosen by the sender
 * @param category the broadcast category, or empty for a direct request
 * @param payload  a JSON object
 */
public record Message(String from, String type, String category, Map<String, Object> payload) {

    public boolean isBroadcast() {
        return !category.isEmpty();
    }
}
