package dev.plughub.plugin;

import java.time.Instant;
import java.util.Map;

/**
 * An event as subscribers see it.
 *
 * @param name    the full, namespaced name: {@code plugin.<plugin id>.<event>} for plugin events
 * @param source  the id of the plugin that emitted it, or {@code "host"}
 * @param payload a JSON object
 * @param time    when it was emitted
 */
public record Event(String name, String source, Map<String, Object> payload, Instant time) {
}
