package dev.plughub.registry.catalog;

import dev.plughub.registry.accounts.Principal;
import java.util.Optional;
import java.util.Set;

/**
 * Who may change a plugin (publish new versions, delete it): its owners and admins. A plugin with
 * no owner accounts (published by the operator, or anonymously in development mode) is managed by
 * admins only — and in development mode by anyone, so seed 000's unauthenticated flow works.
 */
final class Ownership {

    private Ownership() {
    }

    static boolean mayManage(Set<Long> ownerIds, Optional<Principal> principal, boolean dev) {
        if (principal.isPresent() && (principal.get().isAdmin() || ownerIds.contains(principal.get().userId()))) {
            return true;
        }
        return dev && ownerIds.isEmpty();
    }

    /** The account id to record as owner or publisher: users only (the operator has no account row). */
    static Optional<Long> accountId(Optional<Principal> principal) {
        return principal.filter(p -> !p.operator() && p.userId() > 0).map(Principal::userId);
    }
}
