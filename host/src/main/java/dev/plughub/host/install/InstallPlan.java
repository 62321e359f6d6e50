package dev.plughub.host.install;

import java.util.List;

/** What an install would do, in install order (dependencies first); nothing has changed yet. */
public record InstallPlan(String requestedId, List<PlannedPlugin> plugins) {

    public InstallPlan {
        plugins = List.copyOf(plugins);
    }

    /** @param action what happens to this plugin */
    public record PlannedPlugin(String id, String version, String source, Action action) {
    }

    public enum Action { INSTALL, REPLACE, KEEP }
}
