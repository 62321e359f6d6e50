package dev.plughub.registry.resolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.core.manifest.PluginDependency;
import dev.plughub.core.version.Version;
import dev.plughub.registry.http.Json;
import dev.plughub.registry.storage.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The SQL that reads plugins and their live versions for update checks, resolving and the PF4J
 * repository: one query per table for a whole batch of plugin ids, never one per plugin.
 */
public final class ReleaseStore {

    /** Ids per query: well under every database's limit on bound parameters. */
    private static final int BATCH = 500;
    private static final ObjectMapper JSON = Json.mapper();

    private final Database db;

    public ReleaseStore(Database db) {
        this.db = db;
    }

    /** The plugins among {@code pluginIds} that exist and are not deleted, by id. */
    public Map<String, PluginReleases> find(Collection<String> pluginIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(pluginIds));
        Map<String, PluginReleases> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            found.putAll(db.read().withHandle(h -> load(h, batch)));
        }
        return found;
    }

    public Optional<PluginReleases> find(String pluginId) {
        return Optional.ofNullable(find(List.of(pluginId)).get(pluginId));
    }

    private record PluginRow(long pk, String pluginId, boolean banned) {
    }

    private static Map<String, PluginReleases> load(Handle h, List<String> ids) {
        List<PluginRow> plugins = h.createQuery("""
                        SELECT id, plugin_id, status FROM plugins
                        WHERE plugin_id IN (<ids>) AND deleted_at IS NULL""")
                .bindList("ids", ids)
                .map((rs, ctx) -> new PluginRow(rs.getLong("id"), rs.getString("plugin_id"),
                        "banned".equals(rs.getString("status"))))
                .list();
        if (plugins.isEmpty()) {
            return Map.of();
        }
        List<Long> pks = plugins.stream().map(PluginRow::pk).toList();
        Map<Long, List<PluginDependency>> dependencies = dependencies(h, pks);
        Map<Long, List<Release>> releases = new HashMap<>();
        h.createQuery("""
                        SELECT v.id, v.plugin_pk, p.plugin_id, v.version, v.format, v.file_size, v.sha256, v.yanked,
                               v.created_at, v.manifest
                        FROM plugin_versions v JOIN plugins p ON p.id = v.plugin_pk
                        WHERE v.plugin_pk IN (<pks>) AND v.deleted_at IS NULL""")
                .bindList("pks", pks)
                .map((rs, ctx) -> {
                    JsonNode manifest = manifest(rs.getString("manifest"));
                    long versionPk = rs.getLong("id");
                    return new Release(rs.getLong("plugin_pk"), versionPk, rs.getString("plugin_id"),
                            Version.parse(rs.getString("version")), rs.getString("format"), rs.getLong("file_size"),
                            rs.getString("sha256"), rs.getInt("yanked") != 0, Instant.ofEpochMilli(rs.getLong("created_at")),
                            text(manifest, "min_host_version"), text(manifest, "runtime"),
                            dependencies.getOrDefault(versionPk, List.of()));
                })
                .forEach(r -> releases.computeIfAbsent(r.pluginPk(), k -> new ArrayList<>()).add(r));
        Map<String, PluginReleases> found = new LinkedHashMap<>();
        for (PluginRow p : plugins) {
            found.put(p.pluginId(), new PluginReleases(p.pluginId(), p.banned(), releases.getOrDefault(p.pk(), List.of())));
        }
        return found;
    }

    /** The plugin dependencies of every live version of these plugins, by version key. */
    private static Map<Long, List<PluginDependency>> dependencies(Handle h, List<Long> pluginPks) {
        Map<Long, List<PluginDependency>> byVersion = new HashMap<>();
        h.createQuery("""
                        SELECT d.version_pk, d.name, d.version_range, d.optional
                        FROM plugin_dependencies d JOIN plugin_versions v ON v.id = d.version_pk
                        WHERE v.plugin_pk IN (<pks>) AND v.deleted_at IS NULL AND d.kind = 'plugin'
                        ORDER BY d.version_pk, d.name""")
                .bindList("pks", pluginPks)
                .map((rs, ctx) -> Map.entry(rs.getLong("version_pk"),
                        new PluginDependency(rs.getString("name"), rs.getString("version_range"), rs.getInt("optional") != 0)))
                .forEach(e -> byVersion.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return byVersion;
    }

    private static JsonNode manifest(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode(); // a stored manifest is canonical JSON; an unreadable one names nothing
        }
    }

    private static Optional<String> text(JsonNode manifest, String field) {
        JsonNode node = manifest.path(field);
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
