package dev.plughub.registry.http;

import io.javalin.config.RoutesConfig;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/**
 * A rule that runs before the routes: it may answer a request itself, add headers, count it, or
 * refresh what the routes read. The server registers every such rule through this interface, and
 * the same list is what {@code catalog.CachedDetails} and {@code downloads.MappedDownloads} ask
 * ({@link FastPathRules}) before they answer a plugin's detail or package below Javalin — so no
 * rule can be added to the one path and forgotten on the other.
 */
public interface BeforeRule {

    /** Adds the rule's before-handlers; none when the rule is switched off. */
    void register(RoutesConfig routes);

    /**
     * Whether the rule would leave {@code read} with these headers entirely alone: no answer of its
     * own, no header added, nothing counted. A rule that says no sends the request the full way,
     * through its before-handler.
     */
    boolean leavesAlone(PluginRead read, HttpFields headers);

    /**
     * Whether a fast path may apply this rule itself, through {@link #admit}, to a request it does
     * not leave alone, rather than send it the full way. None can unless it says so.
     */
    default boolean appliesFast(PluginRead read, HttpFields headers) {
        return false;
    }

    /**
     * Whether {@link #leavesAlone}, {@link #appliesFast} and {@link #admit} can answer right now from
     * memory, without waiting on a database: only then may a fast path run on Jetty's selector
     * thread ({@link InlineAnswers}), which every connection shares.
     */
    default boolean decidesInMemory() {
        return true;
    }

    /**
     * Applies the rule in a fast path that has its answer ready, adding the rule's headers to the
     * answer's; called for every rule, so one that leaves {@code read} alone just says yes. False
     * sends the request the full way after all, where the before-handler answers for itself (the
     * rate limiter, over a limit: the 429 is written there).
     */
    default boolean admit(PluginRead read, Request request, HttpFields.Mutable answer) {
        return true;
    }
}
