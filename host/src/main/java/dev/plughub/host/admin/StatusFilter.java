package dev.plughub.host.admin;

import dev.plughub.host.lifecycle.PluginState;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The list's {@code ?status=} filter: a lifecycle state by its label ({@code failed}, {@code disabled}…),
 * or one of seed 002's four words, each standing for the states it means.
 */
record StatusFilter(Set<PluginState> states) {

    /** Seed 002's words: "Filter by status (active, inactive, error, loading)". */
    private static final Map<String, Set<PluginState>> SEED_WORDS = Map.of(
            "inactive", EnumSet.of(PluginState.INSTALLED, PluginState.RESOLVED, PluginState.STOPPED, PluginState.DISABLED),
            "error", EnumSet.of(PluginState.FAILED),
            "loading", EnumSet.of(PluginState.STARTING, PluginState.STOPPING));

    static final String ACCEPTED = String.join(", ", Arrays.stream(PluginState.values()).map(PluginState::label).toList())
            + ", or seed 002's inactive, error, loading";

    static Optional<StatusFilter> parse(String text) {
        String word = text.trim().toLowerCase(Locale.ROOT);
        if (SEED_WORDS.containsKey(word)) {
            return Optional.of(new StatusFilter(SEED_WORDS.get(word)));
        }
        return Arrays.stream(PluginState.values())
                .filter(state -> state.label().equals(word))
                .findFirst()
                .map(state -> new StatusFilter(EnumSet.of(state)));
    }

    boolean matches(PluginState state) {
        return states.contains(state);
    }
}
