package dev.plughub.registry.pf4j;

import dev.plughub.registry.resolve.Release;
import dev.plughub.registry.storage.BlobStore;
import dev.plughub.registry.storage.BlobStoreOutage;
import dev.plughub.registry.storage.Database;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SHA-512 of package files (PF4J's {@code sha512sum}), computed from the blob the first time a
 * version is listed and kept in {@code plugin_versions.sha512} (V10), so each file is read once.
 * Package files never change, so a stored sum never goes stale.
 */
public final class Sha512Sums {

    private static final Logger log = LoggerFactory.getLogger(Sha512Sums.class);
    private static final int BATCH = 500;

    private final Database db;
    private final BlobStore blobs;

    public Sha512Sums(Database db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
    }

    /** The sums of these releases by version key; a version whose file is missing has none. */
    public Map<Long, String> of(Collection<Release> releases) {
        List<Release> all = List.copyOf(releases);
        Map<Long, String> sums = new HashMap<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Long> pks = all.subList(from, Math.min(all.size(), from + BATCH)).stream().map(Release::versionPk).toList();
            db.read().useHandle(h -> h.createQuery(
                            "SELECT id, sha512 FROM plugin_versions WHERE id IN (<pks>) AND sha512 IS NOT NULL")
                    .bindList("pks", pks)
                    .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("sha512")))
                    .forEach(e -> sums.put(e.getKey(), e.getValue())));
        }
        for (Release r : all) {
            if (!sums.containsKey(r.versionPk())) {
                try {
                    compute(r).ifPresent(sum -> {
                        store(r.versionPk(), sum);
                        sums.put(r.versionPk(), sum);
                    });
                } catch (BlobStoreOutage.Unreachable e) {
                    // logged once by BlobStoreOutage; the rest are computed on a later request, not
                    // each left to wait out its own timeout now
                    break;
                }
            }
        }
        return sums;
    }

    private Optional<String> compute(Release r) throws BlobStoreOutage.Unreachable {
        try (InputStream in = blobs.open(r.sha256())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (BlobStoreOutage.Unreachable e) {
            throw e;
        } catch (IOException e) {
            log.error("Cannot read the package file {} of {} to compute its SHA-512", r.sha256(), r.label(), e);
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-512", e);
        }
    }

    private void store(long versionPk, String sum) {
        db.write().useHandle(h -> h.createUpdate("UPDATE plugin_versions SET sha512 = :sum WHERE id = :pk AND sha512 IS NULL")
                .bind("sum", sum).bind("pk", versionPk).execute());
    }
}
