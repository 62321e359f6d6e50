package dev.plughub.plugin;

import java.util.Map;
import java.util.function.Consumer;

/** Publish and subscribe. Emitting needs the {@code events.emit} scope. */
public interface Events {

    /**
     * Emits {@code plugin.<this plugin's id>.<name>}; the caller never waits for subscribers.
     *
     * @throws ScopeDeniedException without the {@code events.emit} scope
     */
    void emit(String name, Map<String, Object> payload);

    /**
     * Subscribes to events whose full name matches {@code pattern}: segments separated by dots,
     * {@code *} matches one segment and a trailing {@code #} (or {@code **}) any number of them, so
     * {@code plugin.billing.*} or {@code plugin.#}. Handlers run one at a time per subscription,
     * with a deadline; a slow or failing handler delays and affects no one else.
     */
    Subscription subscribe(String pattern, Consumer<Event> handler);
}
