package dev.plughub.registry.downloads;

import dev.plughub.core.version.Version;
import dev.plughub.registry.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of downloads: which plugin a request names and which of its versions to serve. */
public final class DownloadStore {

    private static final String VERSION_COLUMNS = """
            SELECT p.id AS plugin_pk, v.id AS version_pk, p.plugin_id, v.version, v.format, v.file_size, v.sha256
            FROM plugin_versions v JOIN plugins p ON p.id = v.plugin_pk
            """;

    private final Database db;

    public DownloadStore(Database db) {
        this.db = db;
    }

    /** A plugin row as far as downloads care: deleted plugins are returned too (the caller decides). */
    public record PluginRow(long pk, String status, Optional<String> currentVersion, boolean deleted) {
    }

    public Optional<PluginRow> findPlugin(String pluginId) {
        return db.read().withHandle(h -> h.createQuery("""
                        SELECT id, status, current_version, deleted_at IS NOT NULL AS deleted
                        FROM plugins WHERE plugin_id = :id""")
                .bind("id", pluginId)
                .map((rs, ctx) -> new PluginRow(rs.getLong("id"), rs.getString("status"),
                        Optional.ofNullable(rs.getString("current_version")), rs.getBoolean("deleted")))
                .findOne());
    }

    /**
     * The live (not deleted) version with this precedence; build metadata does not tell versions apart,
     * so {@code 1.0.0} finds {@code 1.0.0+build.7}. Yanked versions are found: naming one downloads it.
     */
    public Optional<ServedVersion> findVersion(long pluginPk, Version version) {
        return db.read().withHandle(h -> h.createQuery(VERSION_COLUMNS + """
                        WHERE v.plugin_pk = :pk AND v.version_key = :key AND v.deleted_at IS NULL""")
                .bind("pk", pluginPk)
                .bind("key", version.withoutBuild().toString())
                .map(DownloadStore::served)
                .findOne());
    }

    /** The newest live, not yanked version by SemVer precedence, pre-releases included. */
    public Optional<ServedVersion> newestVersion(long pluginPk) {
        List<ServedVersion> versions = db.read().withHandle(h -> h.createQuery(VERSION_COLUMNS + """
                        WHERE v.plugin_pk = :pk AND v.deleted_at IS NULL AND v.yanked = 0""")
                .bind("pk", pluginPk)
                .map(DownloadStore::served)
                .list());
        return versions.stream()
                .filter(v -> Version.tryParse(v.version()).isPresent())
                .max(Comparator.comparing(v -> Version.parse(v.version())));
    }

    private static ServedVersion served(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ServedVersion(rs.getLong("plugin_pk"), rs.getLong("version_pk"), rs.getString("plugin_id"),
                rs.getString("version"), rs.getString("format"), rs.getLong("file_size"), rs.getString("sha256"));
    }
}
