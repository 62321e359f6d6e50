package dev.plughub.registry.resolve;

import dev.plughub.core.manifest.PluginDependency;
import dev.plughub.core.version.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory catalogue for resolver tests: {@code publish("a", "1.0.0", "b@^1.0.0", "c?@^2.0.0")}
 * ({@code ?} marks an optional dependency), then {@link #resolve}.
 */
final class Catalogue {

    private final Map<String, List<Release>> releases = new LinkedHashMap<>();
    private final Set<String> banned = new HashSet<>();
    private long nextPk = 1;

    Catalogue publish(String id, String version, String... dependencies) {
        return add(id, version, false, Optional.empty(), dependencies);
    }

    Catalogue publishYanked(String id, String version, String... dependencies) {
        return add(id, version, true, Optional.empty(), dependencies);
    }

    Catalogue publishForHost(String id, String version, String hostRange, String... dependencies) {
        return add(id, version, false, Optional.of(hostRange), dependencies);
    }

    Catalogue ban(String id) {
        banned.add(id);
        return this;
    }

    private Catalogue add(String id, String version, boolean yanked, Optional<String> host, String... dependencies) {
        List<PluginDependency> deps = new ArrayList<>();
        for (String d : dependencies) {
            String[] parts = d.split("@", 2);
            boolean optional = parts[0].endsWith("?");
            deps.add(new PluginDependency(optional ? parts[0].substring(0, parts[0].length() - 1) : parts[0], parts[1], optional));
        }
        long pk = nextPk++;
        releases.computeIfAbsent(id, k -> new ArrayList<>()).add(new Release(pk, pk, id, Version.parse(version), "jar", 100,
                "%064x".formatted(pk), yanked, Instant.EPOCH, host, Optional.of("java"), deps));
        return this;
    }

    Optional<PluginReleases> find(String id) {
        return Optional.ofNullable(releases.get(id)).map(r -> new PluginReleases(id, banned.contains(id), r));
    }

    Map<String, List<Release>> all() {
        return releases;
    }

    /** Resolves requests written {@code "a@^1.0.0"} (or just {@code "a"} for any version). */
    Resolution resolve(VersionChoice choice, Resolver.Limits limits, String... requests) {
        List<Requirement> requirements = new ArrayList<>();
        for (String r : requests) {
            String[] parts = r.split("@", 2);
            requirements.add(new Requirement(parts[0], dev.plughub.core.version.VersionRange.parse(parts.length > 1 ? parts[1] : "*"),
                    Requirement.BY_REQUEST, false));
        }
        return Resolver.resolve(requirements, choice, limits, this::find);
    }

    Resolution resolve(String... requests) {
        return resolve(VersionChoice.STABLE, Resolver.Limits.DEFAULT, requests);
    }
}
