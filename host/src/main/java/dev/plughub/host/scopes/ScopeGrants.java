package dev.plughub.host.scopes;

import dev.plughub.core.manifest.PluginId;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import dev.plughub.host.config.AtomicJsonFile;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scopes each plugin holds, persisted one file per plugin ({@code <dir>/<id>.json}) so an
 * operator's grants and revocations survive restarts and updates. Reads ({@link #allows}) are
 * lock-free because every guarded call makes one; changes are serialized.
 */
public final class ScopeGrants {

    private record Entry(Set<String> requested, Set<String> granted) {
    }

    private final Path dir;
    private final ScopePolicy policy;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public ScopeGrants(Path dir, ScopePolicy policy) {
        this.dir = dir;
        this.policy = policy;
    }

    public ScopePolicy policy() {
        return policy;
    }

    /** What {@code id} holds now; empty for a plugin never initialized. */
    public Set<String> granted(String id) {
        Entry entry = entry(id);
        return entry == null ? Set.of() : entry.granted();
    }

    public boolean allows(String id, String scope) {
        Entry entry = entry(id);
        return entry != null && entry.granted().contains(scope);
    }

    /**
     * Records what the plugin's manifest requests (on install, update and every start). The first
     * time, the plugin is granted what the policy allows. Later, earlier decisions stand: a scope
     * the operator revoked stays revoked, a scope newly requested by an update is granted if the
     * policy allows it, and a scope the policy no longer allows, or the manifest no longer requests,
     * is dropped.
     */
    public synchronized void initialize(String id, Set<String> requested) {
        Entry previous = entry(id);
        Set<String> granted = new TreeSet<>();
        if (previous == null) {
            granted.addAll(policy.grantable(requested));
        } else {
            granted.addAll(policy.grantable(previous.granted()));
            granted.retainAll(requested);
            Set<String> newlyRequested = new TreeSet<>(requested);
            newlyRequested.removeAll(previous.requested());
            granted.addAll(policy.grantable(newlyRequested));
        }
        store(id, new Entry(Set.copyOf(requested), Set.copyOf(granted)));
    }

    /** Whether the host holds decisions about {@code id}'s scopes (kept across an uninstall without clean-up). */
    public boolean knows(String id) {
        return entry(id) != null;
    }

    /**
     * Grants and revokes at runtime. Every scope to grant must be requested by the plugin's manifest
     * (seed 004: a plugin receives only the scopes its plugin.json declares) and allowed by the
     * policy; otherwise nothing changes and the refusal names the scopes at fault.
     *
     * @throws HostException PLUGIN_NOT_FOUND for a plugin never initialized, PLUGIN_PERMISSION_DENIED
     *                       for a grant the manifest does not request or the policy does not allow
     */
    public synchronized PermissionsView change(String id, Set<String> grant, Set<String> revoke) {
        Entry entry = entry(id);
        if (entry == null) {
            throw new HostException(HostError.PLUGIN_NOT_FOUND, "no plugin with id '" + id + "' has scopes",
                    Map.of("plugin_id", id));
        }
        Set<String> notRequested = new TreeSet<>(grant);
        notRequested.removeAll(entry.requested());
        if (!notRequested.isEmpty()) {
            throw new HostException(HostError.PLUGIN_PERMISSION_DENIED,
                    "cannot grant " + String.join(", ", notRequested) + " to " + id + ": a plugin holds only the scopes"
                            + " its manifest requests, and it requests " + (entry.requested().isEmpty() ? "none"
                            : String.join(", ", new TreeSet<>(entry.requested()))),
                    Map.of("plugin_id", id, "not_requested", List.copyOf(notRequested)));
        }
        Set<String> outside = new TreeSet<>(grant);
        outside.removeIf(policy::allows);
        if (!outside.isEmpty()) {
            throw new HostException(HostError.PLUGIN_PERMISSION_DENIED,
                    "cannot grant " + String.join(", ", outside) + " to " + id
                            + ": the host's scope policy does not allow " + (outside.size() == 1 ? "it" : "them")
                            + " (allowed: " + String.join(", ", new TreeSet<>(policy.allowed())) + ")",
                    Map.of("plugin_id", id, "outside_policy", List.copyOf(outside)));
        }
        Set<String> granted = new TreeSet<>(entry.granted());
        granted.addAll(grant);
        granted.removeAll(revoke);
        store(id, new Entry(entry.requested(), Set.copyOf(granted)));
        return view(id);
    }

    public PermissionsView view(String id) {
        Entry entry = entry(id);
        Set<String> requested = entry == null ? Set.of() : entry.requested();
        Set<String> granted = entry == null ? Set.of() : entry.granted();
        Set<String> denied = new TreeSet<>(requested);
        denied.removeAll(granted);
        return new PermissionsView(requested, granted, denied, policy.allowed());
    }

    /** Forgets the plugin's scopes and the operator's decisions about them (uninstall with clean-up, a failed install). */
    public synchronized void remove(String id) {
        entries.remove(id);
        file(id).delete();
    }

    private Entry entry(String id) {
        Entry cached = entries.get(id);
        if (cached != null) {
            return cached;
        }
        return file(id).read().map(stored -> {
            Entry loaded = new Entry(strings(stored.get("requested")), strings(stored.get("granted")));
            // A policy narrowed since the grant was stored takes effect on load, not only at the next
            // start; and a grant the manifest never requested (a file edited by hand) is not honoured.
            Set<String> granted = new TreeSet<>(policy.grantable(loaded.granted()));
            granted.retainAll(loaded.requested());
            Entry effective = new Entry(loaded.requested(), Set.copyOf(granted));
            entries.putIfAbsent(id, effective);
            return entries.get(id);
        }).orElse(null);
    }

    private void store(String id, Entry entry) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("requested", List.copyOf(new TreeSet<>(entry.requested())));
        content.put("granted", List.copyOf(new TreeSet<>(entry.granted())));
        file(id).write(content);
        entries.put(id, entry);   // after the write: memory never claims a grant the disk does not hold
    }

    private static Set<String> strings(Object value) {
        return value instanceof Collection<?> items
                ? Set.copyOf(items.stream().map(String::valueOf).toList())
                : Set.of();
    }

    private AtomicJsonFile file(String id) {
        if (!PluginId.isValid(id)) {
            throw new IllegalArgumentException("not a plugin id: '" + id + "' (" + PluginId.RULE + ")");
        }
        return new AtomicJsonFile(dir.resolve(id + ".json"));
    }
}
