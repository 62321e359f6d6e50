package dev.plughub.registry.http;

import io.javalin.config.RoutesConfig;
import org.eclipse.jetty.http.HttpFields;

/**
 * A rule that runs before the routes: it may answer a request itself, add headers, count it, or
 * refresh what the routes read. The server registers every such rule through this interface, and
 * the same list is what {@code catalog.CachedDetails} and {@code downloads.MappedDownloads} ask
 * before they answer a plugin's detail or package below Javalin — so no rule can be added to the
 * one path and forgotten on the other.
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
}
