package dev.plughub.host.deps;

import dev.plughub.core.manifest.PluginDependency;
import dev.plughub.core.manifest.PluginManifest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dependencies among a set of plugins: which can resolve (every required dependency present in
 * an accepted version, none in a cycle), the order to start them in, and who depends on whom.
 * Immutable; built again whenever the installed set changes.
 */
public final class DependencyGraph {

    private final Map<String, PluginManifest> plugins;
    private final Map<String, String> problems = new TreeMap<>();
    private final List<String> startOrder = new ArrayList<>();

    private DependencyGraph(Map<String, PluginManifest> plugins) {
        this.plugins = plugins;
        findMissingAndWrongVersions();
        findCycles();
        order();
    }

    public static DependencyGraph of(Collection<PluginManifest> manifests) {
        Map<String, PluginManifest> byId = new TreeMap<>();
        manifests.forEach(manifest -> byId.put(manifest.id(), manifest));
        return new DependencyGraph(byId);
    }

    /** Plugins that can be started, dependencies before the plugins that need them (ties by id). */
    public List<String> startOrder() {
        return List.copyOf(startOrder);
    }

    /** Why a plugin cannot resolve: a missing or wrong-version dependency, a cycle, or a dependency that cannot resolve. */
    public Optional<String> problem(String id) {
        return Optional.ofNullable(problems.get(id));
    }

    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    /** The plugins that need {@code id}, directly or not, in start order. */
    public List<String> dependentsOf(String id) {
        Set<String> found = new HashSet<>();
        collectDependents(id, found);
        List<String> ordered = new ArrayList<>();
        for (String candidate : plugins.keySet().stream().sorted(this::byStartOrder).toList()) {
            if (found.contains(candidate)) {
                ordered.add(candidate);
            }
        }
        return ordered;
    }

    /** The plugins that need {@code id} directly. */
    public List<String> directDependentsOf(String id) {
        return plugins.values().stream()
                .filter(manifest -> manifest.pluginDependencies().stream().anyMatch(dep -> dep.id().equals(id)))
                .map(PluginManifest::id)
                .toList();
    }

    private int byStartOrder(String a, String b) {
        int ia = startOrder.indexOf(a);
        int ib = startOrder.indexOf(b);
        return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
    }

    private void collectDependents(String id, Set<String> found) {
        for (String dependent : directDependentsOf(id)) {
            if (found.add(dependent)) {
                collectDependents(dependent, found);
            }
        }
    }

    private void findMissingAndWrongVersions() {
        for (PluginManifest manifest : plugins.values()) {
            for (PluginDependency dependency : manifest.pluginDependencies()) {
                PluginManifest present = plugins.get(dependency.id());
                if (present == null) {
                    if (!dependency.optional()) {
                        problems.put(manifest.id(), "needs plugin " + dependency.id() + " " + dependency.range()
                                + ", which is not installed");
                    }
                } else if (!dependency.versionRange().contains(present.version())) {
                    problems.put(manifest.id(), "needs plugin " + dependency.id() + " " + dependency.range()
                            + ", but version " + present.version() + " is installed");
                }
            }
        }
    }

    private void findCycles() {
        Map<String, Integer> mark = new LinkedHashMap<>();
        for (String id : plugins.keySet()) {
            visitForCycle(id, new ArrayList<>(), mark);
        }
    }

    /** Depth-first search; {@code mark} is 1 while a plugin is on the path, 2 once done. */
    private void visitForCycle(String id, List<String> path, Map<String, Integer> mark) {
        Integer state = mark.get(id);
        if (state != null && state == 2) {
            return;
        }
        if (state != null && state == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            for (String member : cycle) {
                problems.putIfAbsent(member, "is part of a dependency cycle: " + String.join(" -> ", cycle));
            }
            return;
        }
        mark.put(id, 1);
        path.add(id);
        for (PluginDependency dependency : plugins.get(id).pluginDependencies()) {
            if (plugins.containsKey(dependency.id())) {
                visitForCycle(dependency.id(), path, mark);
            }
        }
        path.remove(path.size() - 1);
        mark.put(id, 2);
    }

    /** Kahn's algorithm over the plugins without problems; a plugin whose dependency has a problem gets one too. */
    private void order() {
        Set<String> placed = new HashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (PluginManifest manifest : plugins.values()) {
                String id = manifest.id();
                if (placed.contains(id) || problems.containsKey(id)) {
                    continue;
                }
                Optional<String> blocked = blockedDependency(manifest);
                if (blocked.isPresent()) {
                    problems.put(id, "needs plugin " + blocked.get() + ", which cannot start: " + problems.get(blocked.get()));
                    progress = true;
                } else if (manifest.pluginDependencies().stream()
                        .filter(dep -> plugins.containsKey(dep.id()))
                        .allMatch(dep -> placed.contains(dep.id()))) {
                    placed.add(id);
                    startOrder.add(id);
                    progress = true;
                }
            }
        }
    }

    private Optional<String> blockedDependency(PluginManifest manifest) {
        return manifest.pluginDependencies().stream()
                .map(PluginDependency::id)
                .filter(problems::containsKey)
                .findFirst();
    }
}
