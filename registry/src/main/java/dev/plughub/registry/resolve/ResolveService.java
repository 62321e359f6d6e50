package dev.plughub.registry.resolve;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Resolves a request against the catalogue as it stands, reading each plugin at most once per request. */
public final class ResolveService {

    private final ReleaseStore store;
    private final Resolver.Limits limits;

    public ResolveService(ReleaseStore store, Resolver.Limits limits) {
        this.store = store;
        this.limits = limits;
    }

    public Resolution resolve(ResolveRequest request) {
        Map<String, Optional<PluginReleases>> read = new HashMap<>();
        return Resolver.resolve(request.requirements(), request.choice(), limits,
                id -> read.computeIfAbsent(id, store::find));
    }
}
