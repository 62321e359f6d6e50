package dev.plughub.host;

import java.time.Duration;
import java.util.Objects;

/** The deadline of each kind of call into a plugin; a call that misses it marks the plugin failed. */
public record Timeouts(Duration initialize, Duration health, Duration action, Duration message, Duration event,
                       Duration shutdown) {

    public Timeouts {
        Objects.requireNonNull(initialize, "initialize");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(shutdown, "shutdown");
    }

    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** The same deadline for every kind of call (handy in tests and small hosts). */
    /** The longest any caller waits for an action, a health check or a message: how long calls may still be in flight. */
    public Duration longestCall() {
        Duration longest = action;
        for (Duration other : new Duration[] {health, message}) {
            if (other.compareTo(longest) > 0) {
                longest = other;
            }
        }
        return longest;
    }

    public static Timeouts all(Duration each) {
        return new Timeouts(each, each, each, each, each, each);
    }

    public Timeouts withInitialize(Duration value) {
        return new Timeouts(value, health, action, message, event, shutdown);
    }

    public Timeouts withHealth(Duration value) {
        return new Timeouts(initialize, value, action, message, event, shutdown);
    }

    public Timeouts withAction(Duration value) {
        return new Timeouts(initialize, health, value, message, event, shutdown);
    }

    public Timeouts withShutdown(Duration value) {
        return new Timeouts(initialize, health, action, message, event, value);
    }
}
