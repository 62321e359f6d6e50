package dev.plughub.registry.resolve;

import java.util.List;

/** The outcome of resolving: a plan, a conflict that rules every plan out, or a limit reached first. */
public sealed interface Resolution {

    /** Every release to install, dependencies before their dependents. */
    record Plan(List<Release> installOrder) implements Resolution {
        public Plan {
            installOrder = List.copyOf(installOrder);
        }
    }

    /**
     * Why no plan exists: the requirements that cannot be met together, and the cycle when the
     * releases depend on each other in a loop ({@code [a@1.0.0, b@1.0.0, a@1.0.0]}; empty otherwise).
     */
    record Conflict(String summary, List<Item> conflicts, List<String> cycle) implements Resolution {
        public Conflict {
            conflicts = List.copyOf(conflicts);
            cycle = List.copyOf(cycle);
        }
    }

    /** One requirement that takes part in a conflict, as {@code details.conflicts} shows it. */
    record Item(String id, String requiredBy, String range, String reason) {
    }

    /** The search would grow beyond what one request may cost ({@link Resolver.Limits}). */
    record LimitReached(String message) implements Resolution {
    }
}
