package dev.plughub.registry.downloads;

import dev.plughub.core.version.Version;
import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.BlobStore;
import dev.plughub.registry.testing.TestBlobStores;
import dev.plughub.registry.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Writes catalogue rows and package files straight into a data directory, the way a publish leaves
 * them, so download behaviour can be tested without going through publishing. Open it before the
 * server starts (or beside it: SQLite in WAL mode takes a second writer process). The layout is the
 * one RegistryServer uses: {@code plughub.db} and {@code packages/}.
 */
public final class CatalogFixture implements AutoCloseable {

    private final Database db;
    private final BlobStore blobs;
    private final Path scratch;

    private CatalogFixture(Database db, BlobStore blobs, Path scratch) {
        this.db = db;
        this.blobs = blobs;
        this.scratch = scratch;
    }

    public static CatalogFixture open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path scratch = Files.createDirectories(dataDir.resolve("fixture-scratch"));
            return new CatalogFixture(TestDatabases.open(dataDir),
                    TestBlobStores.open(dataDir), scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Database db() {
        return db;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** A plugin row with no versions yet; returns its internal key. */
    public long plugin(String pluginId) {
        return plugin(pluginId, "active");
    }

    public long plugin(String pluginId, String status) {
        long now = System.currentTimeMillis();
        return db.write().withHandle(h -> h.createQuery("""
                        INSERT INTO plugins (plugin_id, name, status, created_at, updated_at)
                        VALUES (:id, :name, :status, :now, :now) RETURNING id""")
                .bind("id", pluginId).bind("name", "Plugin " + pluginId).bind("status", status).bind("now", now)
                .mapTo(Long.class).one());
    }

    /**
     * A published version of {@code bytes} (stored as a blob) in {@code format}; the plugin's
     * current_version is updated as the catalogue keeps it: the newest stable, non-yanked version.
     */
    public ServedVersion version(String pluginId, String version, byte[] bytes, String format) {
        try {
            String sha = sha256(bytes);
            Path file = Files.write(scratch.resolve(UUID.randomUUID().toString()), bytes);
            blobs.put(sha, file);
            Version parsed = Version.parse(version);
            long now = System.currentTimeMillis();
            return db.write().inTransaction(h -> {
                long pluginPk = h.createQuery("SELECT id FROM plugins WHERE plugin_id = :id").bind("id", pluginId)
                        .mapTo(Long.class).one();
                long versionPk = h.createQuery("""
                                INSERT INTO plugin_versions (plugin_pk, version, version_key, is_prerelease, format,
                                    file_size, sha256, manifest, upload_id, source, created_at)
                                VALUES (:pk, :version, :key, :pre, :format, :size, :sha, '{}', :upload, 'upload', :now)
                                RETURNING id""")
                        .bind("pk", pluginPk).bind("version", version).bind("key", parsed.withoutBuild().toString())
                        .bind("pre", parsed.isPrerelease() ? 1 : 0).bind("format", format).bind("size", bytes.length)
                        .bind("sha", sha).bind("upload", UUID.randomUUID().toString()).bind("now", now)
                        .mapTo(Long.class).one();
                refreshCurrentVersion(h, pluginPk);
                return new ServedVersion(pluginPk, versionPk, pluginId, version, format, bytes.length, sha);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void yank(String pluginId, String version) {
        db.write().useTransaction(h -> {
            long pk = pk(h, pluginId);
            h.createUpdate("UPDATE plugin_versions SET yanked = 1 WHERE plugin_pk = :pk AND version = :v")
                    .bind("pk", pk).bind("v", version).execute();
            refreshCurrentVersion(h, pk);
        });
    }

    public void deleteVersion(String pluginId, String version) {
        db.write().useTransaction(h -> {
            long pk = pk(h, pluginId);
            h.createUpdate("UPDATE plugin_versions SET deleted_at = :now WHERE plugin_pk = :pk AND version = :v")
                    .bind("now", System.currentTimeMillis()).bind("pk", pk).bind("v", version).execute();
            refreshCurrentVersion(h, pk);
        });
    }

    public void deletePlugin(String pluginId) {
        db.write().useHandle(h -> h.createUpdate("UPDATE plugins SET deleted_at = :now WHERE plugin_id = :id")
                .bind("now", System.currentTimeMillis()).bind("id", pluginId).execute());
    }

    public void setStatus(String pluginId, String status) {
        db.write().useHandle(h -> h.createUpdate("UPDATE plugins SET status = :s WHERE plugin_id = :id")
                .bind("s", status).bind("id", pluginId).execute());
    }

    /** plugin_versions.downloads of one version. */
    public long versionDownloads(String pluginId, String version) {
        return db.read().withHandle(h -> h.createQuery("""
                        SELECT v.downloads FROM plugin_versions v JOIN plugins p ON p.id = v.plugin_pk
                        WHERE p.plugin_id = :id AND v.version = :v""")
                .bind("id", pluginId).bind("v", version).mapTo(Long.class).one());
    }

    /** plugins.downloads. */
    public long pluginDownloads(String pluginId) {
        return db.read().withHandle(h -> h.createQuery("SELECT downloads FROM plugins WHERE plugin_id = :id")
                .bind("id", pluginId).mapTo(Long.class).one());
    }

    /** The sum of download_daily rows of one version. */
    public long dailyDownloads(String pluginId, String version) {
        return db.read().withHandle(h -> h.createQuery("""
                        SELECT coalesce(sum(d.n), 0) FROM download_daily d
                        JOIN plugin_versions v ON v.id = d.version_pk JOIN plugins p ON p.id = v.plugin_pk
                        WHERE p.plugin_id = :id AND v.version = :v""")
                .bind("id", pluginId).bind("v", version).mapTo(Long.class).one());
    }

    private static long pk(org.jdbi.v3.core.Handle h, String pluginId) {
        return h.createQuery("SELECT id FROM plugins WHERE plugin_id = :id").bind("id", pluginId)
                .mapTo(Long.class).one();
    }

    private static void refreshCurrentVersion(org.jdbi.v3.core.Handle h, long pluginPk) {
        String current = h.createQuery("""
                        SELECT version FROM plugin_versions
                        WHERE plugin_pk = :pk AND deleted_at IS NULL AND yanked = 0 AND is_prerelease = 0""")
                .bind("pk", pluginPk).mapTo(String.class).stream()
                .max((a, b) -> Version.parse(a).compareTo(Version.parse(b)))
                .orElse(null);
        h.createUpdate("UPDATE plugins SET current_version = :v WHERE id = :pk")
                .bind("v", current).bind("pk", pluginPk).execute();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        blobs.close();
        db.close();
    }
}
