package dev.plughub.registry.updates;

import dev.plughub.core.checksum.Sha256;
import dev.plughub.core.version.Version;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.resolve.Release;
import dev.plughub.registry.storage.Database;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v1/versions/by-hash/{sha256}}: which plugin and version a file is. Takes
 * {@code sha256:<hex>} or bare hex in either case; deleted versions and plugins are not found, yanked
 * versions and banned plugins are (the answer says so: a host may hold such a file and wants to know).
 */
public final class HashLookup {

    static final String RULE = "a SHA-256 is 64 hexadecimal digits, optionally prefixed with sha256:";

    private final Database db;

    public HashLookup(Database db) {
        this.db = db;
    }

    /** The version a file is, as the answer shows it. */
    public record FileIdentity(String id, String name, String version, String sha256, long fileSize, String format,
                               boolean yanked, boolean prerelease, String pluginStatus, Instant publishedAt,
                               String downloadUrl) {
    }

    public FileIdentity find(String given) {
        String hex = normalize(given);
        return db.read().withHandle(h -> h.createQuery("""
                        SELECT p.plugin_id, p.name, p.status, v.version, v.sha256, v.file_size, v.format, v.yanked,
                               v.created_at
                        FROM plugin_versions v JOIN plugins p ON p.id = v.plugin_pk
                        WHERE v.sha256 = :sha AND v.deleted_at IS NULL AND p.deleted_at IS NULL
                        ORDER BY v.id LIMIT 1""")
                .bind("sha", hex)
                .map((rs, ctx) -> {
                    String id = rs.getString("plugin_id");
                    String version = rs.getString("version");
                    return new FileIdentity(id, rs.getString("name"), version, Sha256.prefixed(rs.getString("sha256")),
                            rs.getLong("file_size"), rs.getString("format"), rs.getInt("yanked") != 0,
                            Version.parse(version).isPrerelease(), rs.getString("status"),
                            Instant.ofEpochMilli(rs.getLong("created_at")),
                            Release.downloadUrl(id, version));
                })
                .findOne())
                .orElseThrow(() -> new ApiException(ErrorCode.VERSION_NOT_FOUND,
                        "No published version has the SHA-256 " + hex, Map.of("sha256", hex)));
    }

    /** Lower-case hex without the prefix; a 422 naming the rule for anything else. */
    static String normalize(String given) {
        String text = given.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith(Sha256.PREFIX)) {
            text = text.substring(Sha256.PREFIX.length());
        }
        if (!Sha256.isHex(text)) {
            throw ApiException.validation(Map.of("sha256", List.of("'" + shorten(given) + "' is not a SHA-256: " + RULE)));
        }
        return text;
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
