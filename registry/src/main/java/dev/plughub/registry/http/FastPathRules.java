package dev.plughub.registry.http;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/**
 * The {@link BeforeRule}s as the fast paths in front of Javalin apply them: first whether every
 * rule lets the request be answered there ({@link #allow}), then, once the answer is ready, the
 * rules that apply themselves there ({@link #admit}), so that nothing is counted for a request
 * that goes the full way after all. A rule that cannot decide (its database?) sends the request
 * the full way, whose own handler says why.
 */
public final class FastPathRules {

    private final List<BeforeRule> rules;

    public FastPathRules(List<BeforeRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Whether every rule leaves {@code read} alone or can apply itself in a fast path. */
    public boolean allow(PluginRead read, HttpFields headers) {
        try {
            for (BeforeRule rule : rules) {
                if (!rule.leavesAlone(read, headers) && !rule.appliesFast(read, headers)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@link #allow}, on the selector thread: false too when a rule would have to wait on its database. */
    public boolean allowInMemory(PluginRead read, HttpFields headers) {
        for (BeforeRule rule : rules) {
            if (!rule.decidesInMemory()) {
                return false;
            }
        }
        return allow(read, headers);
    }

    /** Applies the rules in the fast path about to answer; false sends the request the full way. */
    public boolean admit(PluginRead read, Request request, HttpFields.Mutable answer) {
        try {
            for (BeforeRule rule : rules) {
                if (!rule.admit(read, request, answer)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
