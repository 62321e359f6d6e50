package dev.plughub.host.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place a plugin's state changes. Each move is checked against the allowed transitions,
 * so no code path can, say, mark a plugin active that never started. Reads are lock-free (one
 * volatile snapshot); moves are serialized per plugin.
 */
public final class Lifecycle {

    private static final Map<PluginState, Set<PluginState>> ALLOWED = Map.of(
            PluginState.INSTALLED, EnumSet.of(PluginState.RESOLVED, PluginState.DISABLED, PluginState.FAILED),
            PluginState.RESOLVED, EnumSet.of(PluginState.STARTING, PluginState.INSTALLED, PluginState.DISABLED, PluginState.FAILED),
            PluginState.STARTING, EnumSet.of(PluginState.ACTIVE, PluginState.FAILED),
            PluginState.ACTIVE, EnumSet.of(PluginState.STOPPING, PluginState.FAILED),
            PluginState.STOPPING, EnumSet.of(PluginState.STOPPED, PluginState.FAILED),
            PluginState.STOPPED, EnumSet.of(PluginState.RESOLVED, PluginState.INSTALLED, PluginState.DISABLED, PluginState.FAILED),
            PluginState.DISABLED, EnumSet.of(PluginState.INSTALLED, PluginState.RESOLVED, PluginState.FAILED),
            // A failed plugin may still hold a loaded instance, so it goes through STOPPING to release it.
            PluginState.FAILED, EnumSet.of(PluginState.STOPPING, PluginState.STOPPED, PluginState.INSTALLED,
                    PluginState.RESOLVED, PluginState.DISABLED, PluginState.FAILED));

    /** What the lifecycle looks like at one moment. */
    public record Snapshot(PluginState state, String message, String error, Optional<Instant> failedAt,
                           Optional<Instant> initializedAt, Instant updatedAt) {
    }

    private final Clock clock;
    private volatile Snapshot current;

    public Lifecycle(Clock clock) {
        this.clock = clock;
        this.current = new Snapshot(PluginState.INSTALLED, "installed", "", Optional.empty(), Optional.empty(), clock.instant());
    }

    public Snapshot current() {
        return current;
    }

    public PluginState state() {
        return current.state();
    }

    /**
     * Moves to {@code to}; the error and failure time are cleared, and entering ACTIVE records the
     * initialization time.
     *
     * @throws IllegalStateException for a move the state machine does not allow (a bug in the caller)
     */
    public synchronized Snapshot move(PluginState to, String message) {
        Snapshot from = current;
        if (!ALLOWED.get(from.state()).contains(to)) {
            throw new IllegalStateException("a plugin cannot go from " + from.state().label() + " to " + to.label());
        }
        Instant now = clock.instant();
        Optional<Instant> initialized = to == PluginState.ACTIVE ? Optional.of(now) : from.initializedAt();
        current = new Snapshot(to, message, "", Optional.empty(), initialized, now);
        return current;
    }

    /** Moves to FAILED, keeping why and when; allowed from every state. */
    public synchronized Snapshot fail(String error) {
        Instant now = clock.instant();
        current = new Snapshot(PluginState.FAILED, "failed", error, Optional.of(now), current.initializedAt(), now);
        return current;
    }

    /** Moves to {@code to} only when the plugin is in {@code expected}; answers whether it moved. */
    public synchronized boolean moveIf(PluginState expected, PluginState to, String message) {
        if (current.state() != expected) {
            return false;
        }
        move(to, message);
        return true;
    }
}
