package dev.plughub.registry.resolve;

import dev.plughub.core.manifest.PluginDependency;
import dev.plughub.core.version.InvalidVersionException;
import dev.plughub.core.version.VersionRange;
import dev.plughub.registry.resolve.Resolution.Conflict;
import dev.plughub.registry.resolve.Resolution.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds one consistent set of releases for a list of requirements: for each plugin that must be
 * installed it tries the newest acceptable release first ({@link VersionChoice}), adds that release's
 * dependencies as new requirements, and backs up to the next older release when a later requirement
 * cannot be met. A complete choice whose dependencies loop is refused as a cycle.
 *
 * <p>Backtracking is exponential in the worst case, so the work is bounded ({@link Limits}): too
 * large a plan or too many steps ends the search with {@link Resolution.LimitReached}. When no plan
 * exists the answer is the first conflict met, which lies on the path of the newest releases.
 */
public final class Resolver {

    /**
     * @param maxPlanSize the most releases one plan may hold
     * @param maxSteps    the most choices the search may try, backtracking included
     */
    public record Limits(int maxPlanSize, int maxSteps) {
        public static final Limits DEFAULT = new Limits(500, 10_000);
    }

    private final Function<String, Optional<PluginReleases>> catalogue;
    private final VersionChoice choice;
    private final Limits limits;
    private int steps;
    private Conflict firstConflict;

    private Resolver(Function<String, Optional<PluginReleases>> catalogue, VersionChoice choice, Limits limits) {
        this.catalogue = catalogue;
        this.choice = choice;
        this.limits = limits;
    }

    /** @param catalogue a plugin by id, when it exists and is not deleted */
    public static Resolution resolve(List<Requirement> requested, VersionChoice choice, Limits limits,
                                     Function<String, Optional<PluginReleases>> catalogue) {
        return new Resolver(catalogue, choice, limits).run(requested);
    }

    private Resolution run(List<Requirement> requested) {
        State start = new State(new LinkedHashMap<>(), new LinkedHashMap<>());
        for (Requirement r : requested) {
            start.requirements().computeIfAbsent(r.pluginId(), k -> new ArrayList<>()).add(r);
        }
        try {
            return search(start).<Resolution>map(Resolution.Plan::new).orElseGet(() -> firstConflict);
        } catch (LimitReached e) {
            return new Resolution.LimitReached(e.getMessage());
        }
    }

    /** What is decided on one path of the search: the releases chosen and every requirement met so far. */
    private record State(LinkedHashMap<String, Release> chosen, LinkedHashMap<String, List<Requirement>> requirements) {

        /** The first plugin that must be installed and has no release yet (optional dependencies never must). */
        Optional<String> nextUndecided() {
            return requirements.entrySet().stream()
                    .filter(e -> !chosen.containsKey(e.getKey()))
                    .filter(e -> e.getValue().stream().anyMatch(r -> !r.optional()))
                    .map(Map.Entry::getKey)
                    .findFirst();
        }
    }

    private Optional<List<Release>> search(State state) {
        if (++steps > limits.maxSteps()) {
            throw new LimitReached("Resolving needed more than " + limits.maxSteps()
                    + " steps; ask for fewer plugins or narrower ranges");
        }
        Optional<String> next = state.nextUndecided();
        if (next.isEmpty()) {
            return switch (InstallOrder.of(state.chosen())) {
                case InstallOrder.Ordered ordered -> Optional.of(ordered.releases());
                case InstallOrder.Cycle cycle -> {
                    remember(cycleConflict(cycle.path()));
                    yield Optional.empty();
                }
            };
        }
        String id = next.get();
        List<Requirement> requirements = state.requirements().get(id);
        Optional<PluginReleases> plugin = catalogue.apply(id);
        if (plugin.isEmpty() || plugin.get().banned()) {
            String reason = plugin.isEmpty() ? "there is no plugin " + id + " in the registry"
                    : "plugin " + id + " has been banned by the registry's moderators";
            remember(new Conflict("Plugin " + id + " cannot be installed: " + reason, items(requirements, r -> reason),
                    List.of()));
            return Optional.empty();
        }
        List<Release> candidates = plugin.get().releases().stream()
                .filter(choice::offers)
                .filter(r -> requirements.stream().allMatch(q -> choice.matches(q.range(), r.version())))
                .sorted(Comparator.comparing(Release::version).reversed())
                .toList();
        if (candidates.isEmpty()) {
            remember(noVersion(plugin.get(), requirements));
            return Optional.empty();
        }
        if (state.chosen().size() >= limits.maxPlanSize()) {
            throw new LimitReached("The plan would hold more than " + limits.maxPlanSize() + " plugins");
        }
        for (Release candidate : candidates) {
            Optional<State> after = choose(state, candidate);
            if (after.isPresent()) {
                Optional<List<Release>> plan = search(after.get());
                if (plan.isPresent()) {
                    return plan;
                }
            }
        }
        return Optional.empty();
    }

    /** The state with {@code release} chosen and its dependencies required; empty (and a conflict noted) when one rules out a release already chosen. */
    private Optional<State> choose(State state, Release release) {
        LinkedHashMap<String, Release> chosen = new LinkedHashMap<>(state.chosen());
        chosen.put(release.pluginId(), release);
        LinkedHashMap<String, List<Requirement>> requirements = new LinkedHashMap<>(state.requirements());
        for (PluginDependency d : release.dependencies()) {
            VersionRange range;
            try {
                range = VersionRange.parse(d.range());
            } catch (InvalidVersionException e) {
                remember(new Conflict(release.label() + " declares a dependency range that cannot be read",
                        List.of(new Item(d.id(), release.label(), d.range(), e.getMessage())), List.of()));
                return Optional.empty();
            }
            Requirement requirement = new Requirement(d.id(), range, release.label(), d.optional());
            List<Requirement> earlier = requirements.getOrDefault(d.id(), List.of());
            Release already = chosen.get(d.id());
            if (already != null && !choice.matches(range, already.version())) {
                String reason = already.label() + " is already in the plan"
                        + (earlier.isEmpty() ? "" : ", as " + describe(earlier) + " require");
                List<Item> items = new ArrayList<>(items(earlier, r -> reason));
                items.add(new Item(d.id(), release.label(), d.range(), release.label() + " needs " + d.id() + " "
                        + d.range() + ", which " + already.version() + " does not satisfy"));
                remember(new Conflict("The requirements on " + d.id() + " cannot all be met", items, List.of()));
                return Optional.empty();
            }
            List<Requirement> updated = new ArrayList<>(earlier);
            updated.add(requirement);
            requirements.put(d.id(), updated);
        }
        return Optional.of(new State(chosen, requirements));
    }

    private Conflict noVersion(PluginReleases plugin, List<Requirement> requirements) {
        List<Release> offered = plugin.releases().stream().filter(choice::offers)
                .sorted(Comparator.comparing(Release::version).reversed()).toList();
        String id = plugin.pluginId();
        String available = offered.isEmpty() ? "none" : offered.stream().limit(10).map(r -> r.version().toString())
                .collect(Collectors.joining(", ")) + (offered.size() > 10 ? ", …" : "");
        String where = choice.hostVersion().map(h -> " on host version " + h).orElse("")
                + (choice.prereleases() ? "" : " (pre-releases excluded)");
        List<Item> items = items(requirements, r -> {
            boolean alone = offered.stream().anyMatch(v -> choice.matches(r.range(), v.version()));
            return alone
                    ? "no version of " + id + " satisfies " + r.range() + " together with " + describe(others(requirements, r))
                    : "no version of " + id + " satisfies " + r.range() + where + "; versions offered: " + available;
        });
        return new Conflict("No version of " + id + " satisfies every requirement on it", items, List.of());
    }

    private static Conflict cycleConflict(List<Release> path) {
        String loop = path.stream().map(Release::label).collect(Collectors.joining(" → "));
        List<Item> items = new ArrayList<>();
        for (int i = 0; i + 1 < path.size(); i++) {
            Release from = path.get(i);
            String to = path.get(i + 1).pluginId();
            String range = from.dependencies().stream().filter(d -> d.id().equals(to)).map(PluginDependency::range)
                    .findFirst().orElse("*");
            items.add(new Item(to, from.label(), range, "dependency cycle: " + loop));
        }
        return new Conflict("The plugins depend on each other in a cycle: " + loop, items,
                path.stream().map(Release::label).toList());
    }

    private static List<Item> items(List<Requirement> requirements, Function<Requirement, String> reason) {
        return requirements.stream()
                .map(r -> new Item(r.pluginId(), r.requiredBy(), r.range().toString(), reason.apply(r)))
                .toList();
    }

    private static List<Requirement> others(List<Requirement> all, Requirement one) {
        return all.stream().filter(r -> r != one).toList();
    }

    private static String describe(List<Requirement> requirements) {
        return requirements.stream().map(r -> r.range() + " (by " + r.requiredBy() + ")")
                .collect(Collectors.joining(", "));
    }

    private void remember(Conflict conflict) {
        if (firstConflict == null) {
            firstConflict = conflict;
        }
    }

    /** Ends the search from any depth; carries no stack trace (it is an expected outcome). */
    private static final class LimitReached extends RuntimeException {
        LimitReached(String message) {
            super(message, null, false, false);
        }
    }
}
