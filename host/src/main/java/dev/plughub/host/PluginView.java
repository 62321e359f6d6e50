package dev.plughub.host;

import dev.plughub.core.manifest.PluginDependency;
import dev.plughub.core.manifest.PluginManifest;
import dev.plughub.host.lifecycle.PluginState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One installed plugin as operators see it (seed 004's list entry plus seed 002's fields).
 *
 * @param source       how it runs: {@code "in_process"} for Java plugins
 * @param message      a short word on the state ({@code "initialized"}, {@code "disabled by operator"})
 * @param error        why it failed, {@code ""} when it has not
 * @param dependencies the plugins it needs, with the version ranges it accepts
 * @param actions      the actions it offers (empty until it has started once)
 * @param category     the manifest's category, used by broadcasts
 * @param dependents   the installed plugins that need this one
 * @param runningVersion the version of the instance that runs now; after an update that did not
 *                     restart the plugin it is older than {@code version}, the installed one
 * @param manifest     the installed package's manifest (author, tags, events, entry point…)
 * @param loadOrder    its place, from 1, in the order the host starts plugins (dependencies first);
 *                     empty while its dependencies do not resolve
 * @param installedAt  when its installed package was put in place
 */
public record PluginView(
        String id,
        String name,
        String version,
        String description,
        String source,
        String apiVersion,
        Set<String> requestedScopes,
        Set<String> grantedScopes,
        PluginState state,
        boolean enabled,
        String message,
        String error,
        Optional<Instant> failedAt,
        Optional<Instant> initializedAt,
        Instant updatedAt,
        List<PluginDependency> dependencies,
        List<String> actions,
        Optional<String> category,
        List<String> dependents,
        Optional<String> runningVersion,
        PluginManifest manifest,
        OptionalInt loadOrder,
        Instant installedAt) {

    public PluginView {
        requestedScopes = Set.copyOf(requestedScopes);
        grantedScopes = Set.copyOf(grantedScopes);
        dependencies = List.copyOf(dependencies);
        actions = List.copyOf(actions);
        dependents = List.copyOf(dependents);
    }

    /** Whether the running instance is older than the installed version: a restart brings the new one in. */
    public boolean restartRequired() {
        return runningVersion.isPresent() && !runningVersion.get().equals(version);
    }
}
