package dev.plughub.host.scopes;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which scopes the operator allows plugins to hold. A plugin is granted what its manifest requests
 * and this policy allows; the rest of its request is denied until an operator changes the policy.
 *
 * @param allowed the scopes any plugin may be granted
 */
public record ScopePolicy(Set<String> allowed) {

    /** Seed 004's scope model: the seven scopes a v1 host knows. */
    public static final Set<String> SEED_SCOPES = Set.of(
            "users.read", "users.write", "roles.read", "roles.write",
            "identity_tags.read", "identity_tags.write", "events.emit");

    public ScopePolicy {
        allowed = Set.copyOf(allowed);
    }

    /** Allows seed 004's seven scopes. */
    public static ScopePolicy defaults() {
        return new ScopePolicy(SEED_SCOPES);
    }

    /** Also allows {@code more}, e.g. the scopes of the application's own host services. */
    public ScopePolicy allowing(Set<String> more) {
        Set<String> all = new TreeSet<>(allowed);
        all.addAll(more);
        return new ScopePolicy(all);
    }

    public boolean allows(String scope) {
        return allowed.contains(scope);
    }

    /** The part of {@code requested} this policy lets a plugin hold. */
    public Set<String> grantable(Set<String> requested) {
        Set<String> granted = new TreeSet<>(requested);
        granted.retainAll(allowed);
        return Set.copyOf(granted);
    }
}
