package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.epochSeconds;
import static dev.plughub.host.admin.AdminJson.iso;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.core.manifest.PluginManifest;
import dev.plughub.host.PluginView;
import dev.plughub.host.lifecycle.PluginState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plugin as each seed shows it. Seed 004's entry names the plugin by its id in {@code name};
 * seed 002's has an {@code id} and a display {@code name}, so the two are kept apart.
 */
final class PluginJson {

    private PluginJson() {
    }

    /** Seed 004's list entry (plus the id, state and failure time an operator needs). */
    static Map<String, Object> seed004(PluginView p) {
        Map<String, Object> json = object(
                "name", p.id(),
                "source", p.source(),
                "api_version", p.apiVersion(),
                "version", p.version(),
                "description", p.description(),
                "scopes", sorted(p.grantedScopes()),
                "status", seed004Status(p.state()),
                "message", p.message(),
                "error", p.error(),
                "initialized_at", epochSeconds(p.initializedAt()),
                "updated_at", epochSeconds(Optional.of(p.updatedAt())));
        json.put("enabled", p.enabled());
        json.put("failed_at", epochSeconds(p.failedAt()));
        json.put("running_version", p.runningVersion().orElse(null));
        json.put("restart_required", p.restartRequired());
        return json;
    }

    /**
     * A state in seed 004's words: a running plugin is {@code initialized} there (seed 002's
     * {@code active}, which {@code data.plugins} says); the other states keep their names.
     */
    static String seed004Status(PluginState state) {
        return state == PluginState.ACTIVE ? "initialized" : state.label();
    }

    /** Seed 002's list and detail entry: what the host knows without asking the plugin. */
    static Map<String, Object> seed002(PluginView p) {
        PluginManifest manifest = p.manifest();
        return object(
                "id", p.id(),
                "name", p.name(),
                "version", p.version(),
                "description", p.description(),
                "author", manifest.author().orElse(null),
                "email", email(manifest),
                "homepage", manifest.homepageUrl().orElse(null),
                "category", p.category().orElse(null),
                "tags", manifest.tags(),
                "status", p.state().label(),
                "enabled", p.enabled(),
                "health", health(p.state()),
                "load_order", p.loadOrder().isPresent() ? p.loadOrder().getAsInt() : null,
                "manifest", object(
                        "entry_point", manifest.entryPoint().orElse(null),
                        "runtime", manifest.runtime().orElse("java"),
                        "host_version", manifest.hostVersionRequirement().orElse(null),
                        "license", manifest.license().orElse(null),
                        "dependencies", object(
                                "plugins", pluginRanges(manifest),
                                "packages", new TreeMap<>(manifest.packageDependencies()))),
                "events", object(
                        "emits", manifest.eventsEmitted(),
                        "subscribes", manifest.eventsSubscribed()),
                "source", p.source(),
                "api_version", p.apiVersion(),
                "message", p.message(),
                "error", p.error(),
                "failed_at", iso(p.failedAt()),
                "dependencies", p.dependencies().stream()
                        .map(d -> object("id", d.id(), "version_range", d.range(), "optional", d.optional()))
                        .toList(),
                "dependents", p.dependents(),
                "permissions", sorted(p.grantedScopes()),
                "requested_permissions", sorted(p.requestedScopes()),
                "actions", p.actions(),
                "installed_at", iso(p.installedAt()),
                "initialized_at", iso(p.initializedAt()),
                "last_updated", iso(p.updatedAt()),
                "running_version", p.runningVersion().orElse(null),
                "restart_required", p.restartRequired());
    }

    /**
     * Seed 002's detail shape of the events: {@code {"emits": [{"type", "description"}], "subscribes": […]}},
     * the description null where the manifest gives none (the list shows the names only).
     */
    static Map<String, Object> describedEvents(PluginManifest manifest) {
        return object(
                "emits", manifest.eventsEmitted().stream().map(name -> described(name, manifest)).toList(),
                "subscribes", manifest.eventsSubscribed().stream().map(name -> described(name, manifest)).toList());
    }

    private static Map<String, Object> described(String name, PluginManifest manifest) {
        return object("type", name, "description", manifest.eventDescriptions().get(name));
    }

    /** The author's address, seed 002's {@code email}: the manifest's field of that name, kept among its extra fields. */
    private static String email(PluginManifest manifest) {
        return manifest.extra().get("email") instanceof String email && !email.isBlank() ? email : null;
    }

    /**
     * Seed 002's one-word health, from what the host knows: an active plugin is {@code healthy}, a
     * failed one {@code unhealthy}, any other {@code unknown}. {@code GET …/health} asks the plugin itself.
     */
    static String health(PluginState state) {
        return switch (state) {
            case ACTIVE -> "healthy";
            case FAILED -> "unhealthy";
            default -> "unknown";
        };
    }

    private static Map<String, String> pluginRanges(PluginManifest manifest) {
        Map<String, String> ranges = new TreeMap<>();
        manifest.pluginDependencies().forEach(d -> ranges.put(d.optional() ? d.id() + "?" : d.id(), d.range()));
        return ranges;
    }

    /** Seed 002's short form in operation answers ({@code plugin} of an install). */
    static Map<String, Object> brief(PluginView p) {
        return object(
                "id", p.id(),
                "name", p.name(),
                "version", p.version(),
                "status", p.state().label(),
                "enabled", p.enabled(),
                "error", p.error());
    }

    /** Seed 002's list summary: how many plugins are in each broad condition. */
    static Map<String, Object> summary(List<PluginView> plugins) {
        long active = count(plugins, PluginState.ACTIVE);
        long error = count(plugins, PluginState.FAILED);
        long disabled = plugins.stream().filter(p -> !p.enabled()).count();
        return object(
                "total", plugins.size(),
                "active", active,
                "inactive", plugins.size() - active - error - disabled,
                "error", error,
                "disabled", disabled);
    }

    private static long count(List<PluginView> plugins, PluginState state) {
        return plugins.stream().filter(p -> p.enabled() && p.state() == state).count();
    }

    private static List<String> sorted(Set<String> scopes) {
        return List.copyOf(new TreeSet<>(scopes));
    }
}
