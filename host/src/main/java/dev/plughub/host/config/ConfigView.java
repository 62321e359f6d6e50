package dev.plughub.host.config;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's configuration as the admin API shows it (seed 002's config answer).
 *
 * @param values          defaults applied; secrets shown as {@code ***hidden***} unless revealed
 * @param schema          the plugin's JSON Schema (empty when it has none)
 * @param restartRequired a stored change to an {@code x-restart-required} field waits for a restart
 * @param lastUpdated     when an operator last changed it; empty when never
 */
public record ConfigView(Map<String, Object> values, Map<String, Object> schema, boolean restartRequired,
                         Optional<Instant> lastUpdated) {

    public ConfigView(Map<String, Object> values, Map<String, Object> schema, boolean restartRequired) {
        this(values, schema, restartRequired, Optional.empty());
    }
}
