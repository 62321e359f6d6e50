package dev.plughub.host.scopes;

import java.util.Set;

/**
 * A plugin's scopes as operators see them (seed 002's permissions answer).
 *
 * @param requested what the manifest asks for
 * @param granted   what the plugin holds now
 * @param denied    requested but not granted (outside the policy, or revoked)
 * @param policy    every scope the operator's policy allows, i.e. what could be granted
 */
public record PermissionsView(Set<String> requested, Set<String> granted, Set<String> denied, Set<String> policy) {

    public PermissionsView {
        requested = Set.copyOf(requested);
        granted = Set.copyOf(granted);
        denied = Set.copyOf(denied);
        policy = Set.copyOf(policy);
    }
}
