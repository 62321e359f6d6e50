package dev.plughub.host.config;

import java.util.List;
import java.util.Map;

/** The outcome of changing a plugin's configuration. */
public sealed interface ConfigChange {

    /**
     * The change was stored.
     *
     * @param values          the whole configuration now in force, defaults applied, secrets in clear
     *                        (mask with {@link ConfigSchema#masked} before showing it)
     * @param changedFields   JSON paths whose value differs from before, sorted
     * @param restartRequired whether a changed field is marked {@code x-restart-required}
     */
    record Applied(Map<String, Object> values, List<String> changedFields, boolean restartRequired)
            implements ConfigChange {

        /** Names the changed fields only: {@code values} holds secrets in clear and must not reach a log. */
        @Override
        public String toString() {
            return "Applied[changedFields=" + changedFields + ", restartRequired=" + restartRequired + "]";
        }
    }

    /** Nothing was stored; the stored configuration is unchanged. */
    record Rejected(Map<String, String> errorsByField) implements ConfigChange {
    }
}
