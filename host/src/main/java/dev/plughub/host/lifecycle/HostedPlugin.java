package dev.plughub.host.lifecycle;

import dev.plughub.host.install.InstalledPackage;
import dev.plughub.host.loading.PluginClassLoader;
import dev.plughub.plugin.Action;
import dev.plughub.plugin.Plugin;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * One installed plugin inside the host: its package, its lifecycle and, while it runs, its
 * instance. The fields the call path reads are volatile so an action call takes no lock.
 */
public final class HostedPlugin {

    /**
     * A started instance: the plugin, the loader that owns its classes (null for an out-of-process
     * plugin, which has none in the host), its actions by name, the version it was started from
     * (older than the installed one after an update that did not restart it), and the gate its calls
     * pass so that stopping it waits for them.
     */
    public record Running(Plugin plugin, PluginClassLoader loader, Map<String, Action> actions, AutoCloseable context,
                          String version, CallGate calls) {
    }

    private final String id;
    private final Lifecycle lifecycle;
    private volatile InstalledPackage installed;
    private volatile Running running;
    private volatile boolean enabled;

    public HostedPlugin(InstalledPackage installed, boolean enabled, Clock clock) {
        this.id = installed.id();
        this.installed = installed;
        this.enabled = enabled;
        this.lifecycle = new Lifecycle(clock);
    }

    public String id() {
        return id;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public InstalledPackage installed() {
        return installed;
    }

    public void replacePackage(InstalledPackage value) {
        this.installed = value;
    }

    public Optional<Running> running() {
        return Optional.ofNullable(running);
    }

    /** The running instance's action, only while the plugin is active. */
    public Optional<Action> activeAction(String name) {
        Running current = running;
        if (current == null || lifecycle.state() != PluginState.ACTIVE) {
            return Optional.empty();
        }
        return Optional.ofNullable(current.actions().get(name));
    }

    void attach(Running value) {
        this.running = value;
    }

    Running detach() {
        Running current = running;
        running = null;
        return current;
    }

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean value) {
        this.enabled = value;
    }
}
