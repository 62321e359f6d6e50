package dev.plughub.registry.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.core.PackageException;
import dev.plughub.core.manifest.HostRequirement;
import dev.plughub.core.manifest.ManifestCodec;
import dev.plughub.core.manifest.PluginDependency;
import dev.plughub.core.manifest.PluginManifest;
import dev.plughub.core.version.Version;
import dev.plughub.registry.catalog.CatalogViews.Dependencies;
import dev.plughub.registry.catalog.CatalogViews.Owner;
import dev.plughub.registry.catalog.CatalogViews.PluginSummary;
import dev.plughub.registry.catalog.CatalogViews.VersionSummary;
import dev.plughub.registry.http.Json;
import dev.plughub.registry.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of the catalogue tables (V2__catalog.sql): plugins, their owners, tags, versions and
 * dependencies. Times are epoch milliseconds. Methods that take a {@link Handle} run inside the
 * caller's write transaction; the others read through the read-only pool.
 */
public final class CatalogStore {

    /** Separates tags in {@code plugins.tags}: tags may hold spaces, and FTS5 splits on a newline too. */
    static final String TAG_SEPARATOR = "\n";

    /** A plugin row. */
    public record PluginRow(
            long pk, String pluginId, String name, String description, Optional<String> author,
            Optional<String> license, Optional<String> homepageUrl, Optional<String> repositoryUrl,
            Optional<String> category, Optional<String> minHostVersion, List<String> tags,
            Optional<String> currentVersion, String status, long downloads, double rating, long ratingCount,
            Instant createdAt, Instant updatedAt, Optional<Instant> deletedAt) {

        public PluginSummary summary() {
            return new PluginSummary(pluginId, name, description, author, currentVersion, downloads, rating,
                    ratingCount, status, createdAt, updatedAt, minHostVersion.map(HostRequirement::asMinimumVersion),
                    minHostVersion, homepageUrl,
                    repositoryUrl, license, tags, category);
        }
    }

    /** A version row, without its manifest. */
    public record VersionRow(
            long pk, long pluginPk, String version, Version semver, String format, long fileSize, String sha256,
            Optional<String> changelog, boolean yanked, long downloads, Instant createdAt, boolean deleted,
            Optional<Instant> yankedAt, Optional<String> yankReason)
            implements VersionOrder.Candidate {

        public VersionSummary summary() {
            return new VersionSummary(version, changelog, fileSize, "sha256:" + sha256, downloads, createdAt,
                    !semver.isPrerelease(), yanked, format, yankedAt, yankReason);
        }
    }

    /** Just what the version rule needs, for {@link #refreshPlugin}. */
    private record VersionState(long pk, Version semver, boolean yanked, boolean deleted)
            implements VersionOrder.Candidate {
    }

    /** A version to insert. */
    public record NewVersion(
            long pluginPk, PluginManifest manifest, String format, long fileSize, String sha256,
            Optional<String> changelog, UUID uploadId, Optional<Long> publisherId, String source, Instant createdAt,
            Optional<CatalogViews.VersionSource> origin) {
    }

    /** Who may see banned plugins in lists: admins, and owners (by user id). */
    public record Viewer(boolean admin, long userId) {
        public static final Viewer ANONYMOUS = new Viewer(false, -1);
    }

    /** One page of plugins and how many match in all. */
    public record PluginRows(List<PluginRow> rows, long total) {
    }

    private static final String PLUGIN_COLUMNS = """
            p.id, p.plugin_id, p.name, p.description, p.author, p.license, p.homepage_url, p.repository_url,
            p.category, p.min_host_version, p.tags, p.current_version, p.status, p.downloads, p.rating,
            p.rating_count, p.created_at, p.updated_at, p.deleted_at""";

    private static final String VERSION_COLUMNS = """
            v.id, v.plugin_pk, v.version, v.format, v.file_size, v.sha256, v.changelog, v.yanked, v.downloads,
            v.created_at, v.deleted_at, v.yanked_at, v.yank_reason""";

    private static final RowMapper<PluginRow> PLUGIN = (rs, ctx) -> new PluginRow(
            rs.getLong("id"), rs.getString("plugin_id"), rs.getString("name"), rs.getString("description"),
            text(rs, "author"), text(rs, "license"), text(rs, "homepage_url"), text(rs, "repository_url"),
            text(rs, "category"), text(rs, "min_host_version"), splitTags(rs.getString("tags")),
            text(rs, "current_version"), rs.getString("status"), rs.getLong("downloads"), rs.getDouble("rating"),
            rs.getLong("rating_count"), Instant.ofEpochMilli(rs.getLong("created_at")),
            Instant.ofEpochMilli(rs.getLong("updated_at")), instant(rs, "deleted_at"));

    private static final RowMapper<VersionRow> VERSION = (rs, ctx) -> new VersionRow(
            rs.getLong("id"), rs.getLong("plugin_pk"), rs.getString("version"), Version.parse(rs.getString("version")),
            rs.getString("format"), rs.getLong("file_size"), rs.getString("sha256"), text(rs, "changelog"),
            rs.getInt("yanked") != 0, rs.getLong("downloads"), Instant.ofEpochMilli(rs.getLong("created_at")),
            instant(rs, "deleted_at").isPresent(), instant(rs, "yanked_at"), text(rs, "yank_reason"));

    private static final ObjectMapper JSON = Json.mapper();

    private final Database db;

    public CatalogStore(Database db) {
        this.db = db;
    }

    /** Runs {@code work} in one write transaction (BEGIN IMMEDIATE on SQLite). */
    public <R> R inWriteTransaction(HandleCallback<R, RuntimeException> work) {
        return db.write().inTransaction(work);
    }

    // ---- reads ----

    /** Plugins that are not deleted (the health answer's plugins_count). */
    public long countPlugins() {
        return db.read().withHandle(h -> h.createQuery("SELECT count(*) FROM plugins WHERE deleted_at IS NULL")
                .mapTo(Long.class).one());
    }

    /** A plugin that is not deleted. */
    public Optional<PluginRow> findPlugin(String pluginId) {
        return db.read().withHandle(h -> findPlugin(h, pluginId)).filter(p -> p.deletedAt().isEmpty());
    }

    /** A plugin, deleted or not. */
    public Optional<PluginRow> findPlugin(Handle h, String pluginId) {
        return h.createQuery("SELECT " + PLUGIN_COLUMNS + " FROM plugins p WHERE p.plugin_id = :id")
                .bind("id", pluginId).map(PLUGIN).findOne();
    }

    /** Whether the plugin already has this version (deleted or not): published versions are never reused. */
    /** Whether any version, deleted or not, has the package of this SHA-256 (hex). */
    public boolean packageReferenced(String sha256) {
        return db.read().withHandle(h -> h.createQuery("SELECT 1 FROM plugin_versions WHERE sha256 = :sha LIMIT 1")
                .bind("sha", sha256).mapTo(Integer.class).findFirst().isPresent());
    }

    /**
     * The version already published (deleted or not) with the precedence of {@code version}, as it was
     * written: build metadata does not tell versions apart, so {@code 1.0.0+build.2} finds {@code 1.0.0+build.1}.
     */
    public Optional<String> existingVersion(String pluginId, Version version) {
        return db.read().withHandle(h -> h.createQuery("""
                        SELECT v.version FROM plugin_versions v JOIN plugins p ON p.id = v.plugin_pk
                        WHERE p.plugin_id = :id AND v.version_key = :key""")
                .bind("id", pluginId).bind("key", versionKey(version)).mapTo(String.class).findFirst());
    }

    public Optional<String> existingVersion(Handle h, long pluginPk, Version version) {
        return h.createQuery("SELECT version FROM plugin_versions WHERE plugin_pk = :pk AND version_key = :key")
                .bind("pk", pluginPk).bind("key", versionKey(version)).mapTo(String.class).findFirst();
    }

    /** A plugin's versions that are not deleted, newest first by SemVer. */
    public List<VersionRow> liveVersions(long pluginPk) {
        return VersionOrder.live(db.read().withHandle(h -> versions(h, pluginPk)));
    }

    private static List<VersionRow> versions(Handle h, long pluginPk) {
        return h.createQuery("SELECT " + VERSION_COLUMNS + " FROM plugin_versions v WHERE v.plugin_pk = :pk")
                .bind("pk", pluginPk).map(VERSION).list();
    }

    /** A version that is not deleted, by its version text (build metadata does not matter). */
    public Optional<VersionRow> findVersion(long pluginPk, Version version) {
        return db.read().withHandle(h -> h.createQuery("SELECT " + VERSION_COLUMNS
                        + " FROM plugin_versions v WHERE v.plugin_pk = :pk AND v.version_key = :key AND v.deleted_at IS NULL")
                .bind("pk", pluginPk).bind("key", versionKey(version)).map(VERSION).findOne());
    }

    /** Why a plugin has its status, and the plugin that replaces a deprecated one (V7__moderation.sql). */
    public record Lifecycle(Optional<String> replacement, Optional<String> statusReason) {
    }

    public Lifecycle lifecycle(long pluginPk) {
        return db.read().withHandle(h -> h.createQuery(
                        "SELECT deprecated_replacement, status_reason FROM plugins WHERE id = :pk")
                .bind("pk", pluginPk)
                .map((rs, ctx) -> new Lifecycle(text(rs, "deprecated_replacement"), text(rs, "status_reason")))
                .findOne().orElse(new Lifecycle(Optional.empty(), Optional.empty())));
    }

    /** The canonical manifest JSON stored with a version. */
    public String manifestJson(long versionPk) {
        return db.read().withHandle(h -> manifestJson(h, versionPk));
    }

    private static String manifestJson(Handle h, long versionPk) {
        return h.createQuery("SELECT manifest FROM plugin_versions WHERE id = :id")
                .bind("id", versionPk).mapTo(String.class).one();
    }

    /** The username of the account that published a version, when an account did. */
    public Optional<String> publisherName(long versionPk) {
        return db.read().withHandle(h -> h.createQuery("""
                        SELECT u.username FROM plugin_versions v JOIN users u ON u.id = v.publisher_id WHERE v.id = :id""")
                .bind("id", versionPk).mapTo(String.class).findOne());
    }

    /** The repository and commit a version was imported from (V9__version_source.sql), when it was. */
    public Optional<CatalogViews.VersionSource> versionSource(long versionPk) {
        return db.read().withHandle(h -> h.createQuery("""
                        SELECT source_repository, source_commit FROM plugin_versions
                        WHERE id = :id AND source_repository IS NOT NULL AND source_commit IS NOT NULL""")
                .bind("id", versionPk)
                .map((rs, ctx) -> new CatalogViews.VersionSource(rs.getString("source_repository"),
                        rs.getString("source_commit")))
                .findOne());
    }

    /** The accounts that own a plugin, in the order they became owners. */
    public List<Owner> owners(long pluginPk) {
        return db.read().withHandle(h -> h.createQuery("""
                        SELECT u.username, u.display_name FROM plugin_owners o JOIN users u ON u.id = o.user_id
                        WHERE o.plugin_pk = :pk ORDER BY o.added_at, u.username""")
                .bind("pk", pluginPk)
                .map((rs, ctx) -> new Owner(rs.getString("username"), text(rs, "display_name")))
                .list());
    }

    public Set<Long> ownerIds(long pluginPk) {
        return db.read().withHandle(h -> ownerIds(h, pluginPk));
    }

    public Set<Long> ownerIds(Handle h, long pluginPk) {
        return new HashSet<>(h.createQuery("SELECT user_id FROM plugin_owners WHERE plugin_pk = :pk")
                .bind("pk", pluginPk).mapTo(Long.class).list());
    }

    /** A version's dependencies as the API shows them. */
    public Dependencies dependencies(long versionPk) {
        Map<String, String> plugins = new LinkedHashMap<>();
        Map<String, String> packages = new LinkedHashMap<>();
        db.read().useHandle(h -> h.createQuery("""
                        SELECT kind, name, version_range, optional FROM plugin_dependencies
                        WHERE version_pk = :pk ORDER BY kind, name""")
                .bind("pk", versionPk)
                .mapToMap(String.class)
                .forEach(row -> {
                    if ("plugin".equals(row.get("kind"))) {
                        plugins.put(row.get("name") + ("1".equals(row.get("optional")) ? "?" : ""), row.get("version_range"));
                    } else {
                        packages.put(row.get("name"), row.get("version_range"));
                    }
                }));
        return new Dependencies(plugins, packages);
    }

    /**
     * A page of plugins matching a list request: not deleted, not banned unless the viewer is an
     * admin or an owner, the search words ({@link TextSearch}), the category and every tag.
     */
    public PluginRows list(ListQuery query, Viewer viewer) {
        TextSearch search = TextSearch.of(db.dialect());
        Optional<String> match = query.search().flatMap(search::match);
        if (query.search().isPresent() && match.isEmpty()) {
            return new PluginRows(List.of(), 0); // the text holds nothing that can match a word
        }
        if (match.isEmpty()) {
            return page(query, viewer, "", "", Map.of(), query.sort().orderBy(db.dialect(), query.ascending()));
        }
        PluginRows words = page(query, viewer, search.join(), search.condition(), Map.of("match", match.get()),
                query.sort().orderBy(db.dialect(), query.ascending()));
        if (words.total() > 0 || !search.toleratesTypos()) {
            return words;
        }
        String order = query.sort() == ListSort.RELEVANCE
                ? TextSearch.similarity(!query.ascending())
                : query.sort().orderBy(db.dialect(), query.ascending());
        return page(query, viewer, "", TextSearch.similarCondition(),
                Map.of("text", TextSearch.similarText(query.search().get())), order);
    }

    private PluginRows page(ListQuery query, Viewer viewer, String textJoin, String textCondition,
                            Map<String, Object> textBinds, String orderBy) {
        StringBuilder from = new StringBuilder(" FROM plugins p").append(textJoin)
                .append(" WHERE p.deleted_at IS NULL")
                .append(" AND (p.status <> 'banned' OR :admin = 1 OR EXISTS (SELECT 1 FROM plugin_owners o")
                .append(" WHERE o.plugin_pk = p.id AND o.user_id = :viewer))")
                .append(textCondition);
        Map<String, Object> binds = new LinkedHashMap<>(textBinds);
        binds.put("admin", viewer.admin() ? 1 : 0);
        binds.put("viewer", viewer.userId());
        if (query.category().isPresent()) {
            from.append(" AND ").append(db.dialect().foldCase("p.category")).append(" = ")
                    .append(db.dialect().foldCase(":category"));
            binds.put("category", query.category().get());
        }
        for (int i = 0; i < query.tags().size(); i++) {
            from.append(" AND EXISTS (SELECT 1 FROM plugin_tags t WHERE t.plugin_pk = p.id AND t.tag = :tag").append(i).append(')');
            binds.put("tag" + i, query.tags().get(i));
        }
        String order = " ORDER BY " + orderBy
                + (query.sort() == ListSort.RELEVANCE ? ", p.downloads DESC" : "") + ", p.plugin_id ASC";
        return db.read().withHandle(h -> {
            long total = bindAll(h.createQuery("SELECT count(*)" + from), binds).mapTo(Long.class).one();
            if (total == 0 || query.page().offset() >= total) {
                return new PluginRows(List.of(), total);
            }
            List<PluginRow> rows = bindAll(h.createQuery("SELECT " + PLUGIN_COLUMNS + from + order
                            + " LIMIT :limit OFFSET :offset"), binds)
                    .bind("limit", query.page().limit())
                    .bind("offset", query.page().offset())
                    .map(PLUGIN).list();
            return new PluginRows(rows, total);
        });
    }

    private static Query bindAll(Query q, Map<String, Object> binds) {
        binds.forEach(q::bind);
        return q;
    }

    // ---- writes (inside the caller's transaction) ----

    /** Inserts a plugin row unless one with this id exists; answers the row's key either way. */
    public long insertPluginIfAbsent(Handle h, PluginManifest manifest, Instant now) {
        Optional<Long> inserted = h.createQuery("""
                        INSERT INTO plugins (plugin_id, name, created_at, updated_at)
                        VALUES (:id, :name, :now, :now)
                        ON CONFLICT (plugin_id) DO NOTHING RETURNING id""")
                .bind("id", manifest.id()).bind("name", manifest.name()).bind("now", now.toEpochMilli())
                .mapTo(Long.class).findOne();
        return inserted.orElseGet(() -> findPlugin(h, manifest.id()).orElseThrow().pk());
    }

    /**
     * Holds the plugin's row until the transaction ends, so read-then-write changes to it (its owners)
     * run one at a time on PostgreSQL too ({@link Database#lockRow}); reads after it see the change
     * of whoever held it before.
     */
    public void lockPlugin(Handle h, long pluginPk) {
        db.lockRow(h, "plugins", pluginPk);
    }

    public void addOwner(Handle h, long pluginPk, long userId, Instant now) {
        h.createUpdate("""
                        INSERT INTO plugin_owners (plugin_pk, user_id, role, added_at) VALUES (:pk, :user, 'owner', :now)
                        ON CONFLICT (plugin_pk, user_id) DO NOTHING""")
                .bind("pk", pluginPk).bind("user", userId).bind("now", now.toEpochMilli()).execute();
    }

    /** Makes a deleted plugin visible again (its old versions stay deleted). */
    public void revive(Handle h, long pluginPk) {
        h.createUpdate("UPDATE plugins SET deleted_at = NULL WHERE id = :pk").bind("pk", pluginPk).execute();
    }

    /**
     * Inserts a version and its dependencies; throws the database's unique violation when the
     * version exists (see {@link dev.plughub.registry.storage.SqlErrors#isUniqueViolation}).
     */
    public long insertVersion(Handle h, NewVersion v, String manifestJson) {
        long versionPk = h.createUpdate("""
                        INSERT INTO plugin_versions (plugin_pk, version, version_key, is_prerelease, format, file_size,
                                                     sha256, manifest, changelog, upload_id, publisher_id, source,
                                                     created_at, source_repository, source_commit)
                        VALUES (:pk, :version, :key, :pre, :format, :size, :sha, :manifest, :changelog, :upload,
                                :publisher, :source, :now, :sourceRepository, :sourceCommit)""")
                .bind("pk", v.pluginPk())
                .bind("version", v.manifest().version().toString())
                .bind("key", versionKey(v.manifest().version()))
                .bind("pre", v.manifest().version().isPrerelease() ? 1 : 0)
                .bind("format", v.format())
                .bind("size", v.fileSize())
                .bind("sha", v.sha256())
                .bind("manifest", manifestJson)
                .bind("changelog", v.changelog().orElse(null))
                .bind("upload", v.uploadId().toString())
                .bind("publisher", v.publisherId().orElse(null))
                .bind("source", v.source())
                .bind("now", v.createdAt().toEpochMilli())
                .bind("sourceRepository", v.origin().map(CatalogViews.VersionSource::repository).orElse(null))
                .bind("sourceCommit", v.origin().map(CatalogViews.VersionSource::commit).orElse(null))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        insertDependencies(h, versionPk, v.manifest());
        return versionPk;
    }

    private static void insertDependencies(Handle h, long versionPk, PluginManifest manifest) {
        Map<String, PluginDependency> plugins = new LinkedHashMap<>();
        for (PluginDependency d : manifest.pluginDependencies()) {
            plugins.putIfAbsent(d.id(), d);
        }
        var batch = h.prepareBatch("""
                INSERT INTO plugin_dependencies (version_pk, kind, name, version_range, optional)
                VALUES (:pk, :kind, :name, :range, :optional)""");
        for (PluginDependency d : plugins.values()) {
            batch.bind("pk", versionPk).bind("kind", "plugin").bind("name", d.id()).bind("range", d.range())
                    .bind("optional", d.optional() ? 1 : 0).add();
        }
        manifest.packageDependencies().forEach((name, range) -> batch.bind("pk", versionPk).bind("kind", "package")
                .bind("name", name).bind("range", range).bind("optional", 0).add());
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    /**
     * Brings a plugin's denormalized fields up to date with its versions: current_version (see
     * {@link VersionOrder#current}), and name, description, tags … from the head version's manifest
     * ({@link VersionOrder#head}). Call it in the transaction of any change to a plugin's versions
     * (publish, yank, delete).
     *
     * @param known manifests the caller already holds, by version key, so they are not parsed again
     */
    public void refreshPlugin(Handle h, long pluginPk, Instant now, Map<Long, PluginManifest> known) {
        db.lockRow(h, "plugins", pluginPk);   // two publishes at once: the second reads the first's version
        List<VersionState> versions = h.createQuery(
                        "SELECT id, version, yanked, deleted_at FROM plugin_versions WHERE plugin_pk = :pk")
                .bind("pk", pluginPk)
                .map((rs, ctx) -> new VersionState(rs.getLong("id"), Version.parse(rs.getString("version")),
                        rs.getInt("yanked") != 0, instant(rs, "deleted_at").isPresent()))
                .list();
        Optional<VersionState> head = VersionOrder.head(versions);
        String current = VersionOrder.current(versions).map(v -> v.semver().toString()).orElse(null);
        Optional<PluginManifest> manifest = head.flatMap(v -> Optional.ofNullable(known.get(v.pk()))
                .or(() -> parseStored(manifestJson(h, v.pk()))));
        if (manifest.isEmpty()) {
            h.createUpdate("UPDATE plugins SET current_version = :current, updated_at = :now WHERE id = :pk")
                    .bind("current", current).bind("now", now.toEpochMilli()).bind("pk", pluginPk).execute();
            return;
        }
        writeHead(h, pluginPk, manifest.get(), current, now, Optional.empty());
    }

    /**
     * {@link #refreshPlugin} after a publish added {@code added} to a plugin that was live before it
     * (a plugin deleted and now revived may carry a stale current version: refresh that one whole).
     * The plugin's row says what the new version changes ({@link VersionOrder#afterAdding}), so the
     * other versions are read only when there was no current version: a plugin with thousands of
     * versions publishes as fast as one with three.
     */
    public void refreshAfterPublish(Handle h, long pluginPk, Instant now, long versionPk, PluginManifest added) {
        db.lockRow(h, "plugins", pluginPk);
        HeadState state = h.createQuery("SELECT current_version, tags FROM plugins WHERE id = :pk")
                .bind("pk", pluginPk)
                .map((rs, ctx) -> new HeadState(text(rs, "current_version").map(Version::parse),
                        Optional.ofNullable(rs.getString("tags"))))
                .one();
        switch (VersionOrder.afterAdding(state.current(), added.version())) {
            case KEEPS_HEAD -> h.createUpdate("UPDATE plugins SET updated_at = :now WHERE id = :pk")
                    .bind("now", now.toEpochMilli()).bind("pk", pluginPk).execute();
            case BECOMES_CURRENT -> writeHead(h, pluginPk, added, added.version().toString(), now, state.tags());
            case RECOMPUTE -> refreshPlugin(h, pluginPk, now, Map.of(versionPk, added));
        }
    }

    /** What {@link #refreshAfterPublish} reads of a plugin's row. */
    private record HeadState(Optional<Version> current, Optional<String> tags) {
    }

    /**
     * Writes the head's manifest into the plugin's row, and its tags into plugin_tags unless
     * {@code storedTags} (the row's tags column, when the caller read it) shows them unchanged.
     */
    private static void writeHead(Handle h, long pluginPk, PluginManifest m, String current, Instant now,
                                  Optional<String> storedTags) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : m.tags()) {
            tags.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        String tagText = String.join(TAG_SEPARATOR, tags.values());
        h.createUpdate("""
                        UPDATE plugins SET name = :name, description = :description, author = :author, license = :license,
                               homepage_url = :homepage, repository_url = :repository, category = :category,
                               min_host_version = :minHost, tags = :tags, current_version = :current, updated_at = :now
                        WHERE id = :pk""")
                .bind("name", m.name())
                .bind("description", m.description().orElse(""))
                .bind("author", m.author().orElse(null))
                .bind("license", m.license().orElse(null))
                .bind("homepage", m.homepageUrl().orElse(null))
                .bind("repository", m.repositoryUrl().orElse(null))
                .bind("category", m.category().orElse(null))
                .bind("minHost", m.hostVersionRequirement().orElse(null))
                .bind("tags", tagText)
                .bind("current", current)
                .bind("now", now.toEpochMilli())
                .bind("pk", pluginPk)
                .execute();
        if (storedTags.isPresent() && storedTags.get().equals(tagText)) {
            return;
        }
        h.createUpdate("DELETE FROM plugin_tags WHERE plugin_pk = :pk").bind("pk", pluginPk).execute();
        if (!tags.isEmpty()) {
            var batch = h.prepareBatch("INSERT INTO plugin_tags (plugin_pk, tag) VALUES (:pk, :tag)");
            tags.keySet().forEach(tag -> batch.bind("pk", pluginPk).bind("tag", tag).add());
            batch.execute();
        }
    }

    /** Soft-deletes a plugin and its versions: the rows stay, so the id and its versions stay reserved. */
    public void softDelete(Handle h, long pluginPk, Instant now) {
        h.createUpdate("UPDATE plugins SET deleted_at = :now, updated_at = :now WHERE id = :pk")
                .bind("now", now.toEpochMilli()).bind("pk", pluginPk).execute();
        h.createUpdate("UPDATE plugin_versions SET deleted_at = :now WHERE plugin_pk = :pk AND deleted_at IS NULL")
                .bind("now", now.toEpochMilli()).bind("pk", pluginPk).execute();
    }

    // ---- helpers ----

    /** The key under which a version is unique: the version without build metadata. */
    public static String versionKey(Version version) {
        return version.withoutBuild().toString();
    }

    /** A manifest as stored (canonical JSON text). */
    public static String toStoredJson(PluginManifest manifest) {
        try {
            return JSON.writeValueAsString(ManifestCodec.toJson(manifest));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest's canonical form is always JSON", e);
        }
    }

    private static Optional<PluginManifest> parseStored(String json) {
        try {
            return Optional.of(ManifestCodec.fromJson(JSON.readValue(json, new TypeReference<Map<String, Object>>() { })));
        } catch (JsonProcessingException | PackageException e) {
            return Optional.empty(); // a manifest stored under older rules keeps the fields it gave
        }
    }

    static List<String> splitTags(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(text.split(TAG_SEPARATOR));
    }

    private static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }
}
