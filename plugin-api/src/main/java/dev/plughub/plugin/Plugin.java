package dev.plughub.plugin;

import java.util.Map;

/**
 * What a plugin author implements. The host creates one instance per installed plugin through the
 * public no-argument constructor of the class named by the manifest's {@code entry_point}.
 *
 * <p>Every method is called with a deadline; a call that does not return in time marks the plugin
 * {@code failed} and the host goes on. Methods are never called concurrently with
 * {@link #initialize} or {@link #shutdown}; actions and messages may be called concurrently with
 * each other.
 */
public interface Plugin {

    /** Called once after loading; the context stays valid until {@link #shutdown} returns. */
    void initialize(PluginContext context) throws Exception;

    /** The plugin's own view of its health; the host adds its own (state, uptime, error counts). */
    default Health health() throws Exception {
        return Health.ok();
    }

    /**
     * The actions this plugin offers, by name (for example {@code "sync-users"}), each taking and
     * returning a JSON object. Asked once, after {@link #initialize}.
     */
    default Map<String, Action> actions() {
        return Map.of();
    }

    /**
     * Answers a message sent to this plugin by another plugin or by an operator (request/response or
     * broadcast). The reply is a JSON object; for broadcasts it is ignored.
     */
    default Map<String, Object> onMessage(Message message) throws Exception {
        throw new UnsupportedOperationException("this plugin does not take messages");
    }

    /** Called once when the plugin is stopped; release threads, files and connections here. */
    default void shutdown() throws Exception {
    }
}
