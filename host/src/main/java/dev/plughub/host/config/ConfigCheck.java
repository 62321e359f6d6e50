package dev.plughub.host.config;

import java.util.Map;

/** The outcome of checking a configuration against a plugin's schema. */
public sealed interface ConfigCheck {

    /** The values are acceptable; {@code withDefaults} also holds every default the schema names. */
    record Valid(Map<String, Object> withDefaults) implements ConfigCheck {

        /** Names the fields only: the values include secrets in clear and must not reach a log. */
        @Override
        public String toString() {
            return "Valid[fields=" + withDefaults.keySet() + "]";
        }
    }

    /**
     * The values break the schema.
     *
     * @param errorsByField a sentence per field, keyed by its JSON path ({@code "batch_size"},
     *                      {@code "db.port"}, {@code "servers[0]"}; {@code "$"} for the whole object)
     */
    record Invalid(Map<String, String> errorsByField) implements ConfigCheck {

        /** One sentence part naming each field: {@code api_key is required; batch_size must be at least 1}. */
        public String describe() {
            return String.join("; ", errorsByField.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        }
    }
}
