package dev.plughub.plugin;

import java.time.Duration;

/** A plugin's own counters and timers, reported beside the host's call metrics. */
public interface PluginMetrics {

    /** Adds {@code delta} to the counter {@code name}. */
    void count(String name, long delta);

    default void increment(String name) {
        count(name, 1);
    }

    /** Records one duration for the timer {@code name}. */
    void time(String name, Duration duration);
}
