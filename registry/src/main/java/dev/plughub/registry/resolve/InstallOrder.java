package dev.plughub.registry.resolve;

import dev.plughub.core.manifest.PluginDependency;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders chosen releases so that each comes after every plugin it depends on (optional dependencies
 * too, when they are in the plan); among releases free to go, the one chosen first goes first, so the
 * order is stable. Releases that depend on each other in a loop cannot be ordered: that is a cycle.
 */
final class InstallOrder {

    sealed interface Result {
    }

    record Ordered(List<Release> releases) implements Result {
    }

    /** A loop of dependencies, first release repeated at the end ({@code a → b → a}). */
    record Cycle(List<Release> path) implements Result {
    }

    private InstallOrder() {
    }

    /** @param chosen the plan's releases by plugin id, in the order they were chosen */
    static Result of(Map<String, Release> chosen) {
        List<Release> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        Map<String, Release> waiting = new LinkedHashMap<>(chosen);
        while (!waiting.isEmpty()) {
            Release next = null;
            for (Release r : waiting.values()) {
                if (dependenciesIn(r, chosen).stream().allMatch(placed::contains)) {
                    next = r;
                    break;
                }
            }
            if (next == null) {
                return new Cycle(cycleAmong(waiting));
            }
            ordered.add(next);
            placed.add(next.pluginId());
            waiting.remove(next.pluginId());
        }
        return new Ordered(ordered);
    }

    /** The ids of the plugins {@code r} depends on that are in the plan (itself included, if it names itself). */
    private static Set<String> dependenciesIn(Release r, Map<String, Release> plan) {
        Set<String> ids = new LinkedHashSet<>();
        for (PluginDependency d : r.dependencies()) {
            if (plan.containsKey(d.id())) {
                ids.add(d.id());
            }
        }
        return ids;
    }

    /** Every release left waits on another one left, so walking dependencies from any of them must loop. */
    private static List<Release> cycleAmong(Map<String, Release> waiting) {
        List<Release> path = new ArrayList<>();
        Map<String, Integer> position = new LinkedHashMap<>();
        Release current = waiting.values().iterator().next();
        while (!position.containsKey(current.pluginId())) {
            position.put(current.pluginId(), path.size());
            path.add(current);
            Release from = current;
            current = dependenciesIn(from, waiting).stream().map(waiting::get).findFirst()
                    .orElseThrow(() -> new IllegalStateException(from.label() + " waits on nothing"));
        }
        List<Release> cycle = new ArrayList<>(path.subList(position.get(current.pluginId()), path.size()));
        cycle.add(current);
        return cycle;
    }
}
