package dev.plughub.registry.catalog;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import dev.plughub.core.archive.PackageReader;
import dev.plughub.core.archive.PluginPackage;
import dev.plughub.core.checksum.Sha256;
import dev.plughub.core.manifest.ManifestAdvice;
import dev.plughub.core.manifest.PluginManifest;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.catalog.CatalogStore.NewVersion;
import dev.plughub.registry.catalog.CatalogStore.PluginRow;
import dev.plughub.registry.catalog.CatalogViews.Published;
import dev.plughub.registry.catalog.PublishOutcome.Accepted;
import dev.plughub.registry.catalog.PublishOutcome.Rejected;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.storage.BlobStore;
import dev.plughub.registry.storage.PackageFileLock;
import dev.plughub.registry.storage.SqlErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Publishes a package, whichever route it came through: reads and validates it (core's
 * {@link PackageReader}), checks the digest the uploader gave, stores the blob, then records the
 * version in one transaction — the first publisher of an id owns it, a version is published once.
 * The blob is written before the rows that name it, so a crash never leaves a row without a file.
 */
public final class PublishService {

    /** The status every freshly published version answers with. */
    public static final String STATUS_ACTIVE = "active";

    private final CatalogStore store;
    private final BlobStore blobs;
    private final PackageFileLock fileLock;
    private final PackageReader reader;
    private final CatalogCache cache;
    private final Clock clock;
    private final boolean dev;

    public PublishService(CatalogStore store, BlobStore blobs, PackageFileLock fileLock, PackageReader reader,
                          CatalogCache cache, Clock clock, boolean dev) {
        this.store = store;
        this.blobs = blobs;
        this.fileLock = fileLock;
        this.reader = reader;
        this.cache = cache;
        this.clock = clock;
        this.dev = dev;
    }

    public PublishOutcome publish(PublishRequest request) {
        try {
            PluginPackage pkg;
            try {
                pkg = reader.read(request.file(), request.fileName());
            } catch (PackageException e) {
                return checksumMismatch(request).orElseGet(() -> refused(e));
            }
            if (request.expectedSha256().isPresent() && !request.expectedSha256().get().equals(pkg.sha256())) {
                return mismatch(request.expectedSha256().get(), pkg.sha256());
            }
            PluginManifest manifest = pkg.manifest();
            Optional<Rejected> early = precheck(manifest, request.publisher());
            if (early.isPresent()) {
                return early.get();
            }
            PublishOutcome outcome = fileLock.whilePublishing(() -> {
                blobs.put(pkg.sha256(), request.file());
                try {
                    PublishOutcome recorded = record(pkg, request);
                    if (!(recorded instanceof Accepted)) {
                        removeIfUnreferenced(pkg.sha256());
                    }
                    return recorded;
                } catch (RuntimeException e) {   // the commit failed (a full disk, the database gone): no row, no file
                    removeIfUnreferenced(pkg.sha256());
                    throw e;
                }
            });
            if (outcome instanceof Accepted) {
                cache.invalidate(manifest.id());
            }
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the package", e);
        } finally {
            deleteQuietly(request);
        }
    }

    /**
     * A publish refused after it stored its file lost a race: another publish of the same plugin
     * claimed the version (or the new id) a moment earlier, and refusing it left its file behind.
     * Identical bytes carry an identical manifest, so the file is either the winner's too, and a
     * version references it, or nobody's, and it goes now rather than at the next start-up sweep.
     */
    private void removeIfUnreferenced(String sha256) {
        try {
            if (!store.packageReferenced(sha256)) {
                blobs.delete(sha256);
            }
        } catch (IOException | RuntimeException e) {
            // the start-up sweep removes it
        }
    }

    /** The checks of {@link #record} made before the blob is written, so a doomed publish writes nothing. */
    private Optional<Rejected> precheck(PluginManifest manifest, Optional<Principal> publisher) {
        Optional<PluginRow> plugin = store.findPlugin(manifest.id());
        if (plugin.isEmpty()) {
            return Optional.empty();
        }
        Optional<Rejected> denied = deny(plugin.get(), store.ownerIds(plugin.get().pk()), publisher);
        if (denied.isPresent()) {
            return denied;
        }
        return store.existingVersion(manifest.id(), manifest.version()).map(existing -> versionExists(manifest, existing));
    }

    private PublishOutcome record(PluginPackage pkg, PublishRequest request) {
        PluginManifest manifest = pkg.manifest();
        Instant now = clock.instant();
        UUID uploadId = UUID.randomUUID();
        String manifestJson = CatalogStore.toStoredJson(manifest);
        Optional<Long> account = Ownership.accountId(request.publisher());
        try {
            return store.inWriteTransaction(h -> {
                Optional<PluginRow> existing = store.findPlugin(h, manifest.id());
                long pluginPk;
                if (existing.isEmpty()) {
                    pluginPk = store.insertPluginIfAbsent(h, manifest, now);
                    account.ifPresent(user -> store.addOwner(h, pluginPk, user, now));
                } else {
                    pluginPk = existing.get().pk();
                    Optional<Rejected> refused = checkExisting(h, existing.get(), manifest, request.publisher());
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                }
                NewVersion version = new NewVersion(pluginPk, manifest, pkg.format().extension(), pkg.size(),
                        pkg.sha256(), request.changelog().or(manifest::changelog), uploadId, account,
                        request.source(), now, request.origin());
                long versionPk = store.insertVersion(h, version, manifestJson);
                if (existing.isPresent() && existing.get().deletedAt().isEmpty()) {
                    store.refreshAfterPublish(h, pluginPk, now, versionPk, manifest);
                } else {
                    store.refreshPlugin(h, pluginPk, now, Map.of(versionPk, manifest));   // new, or revived
                }
                return new Accepted(new Published(manifest.id(), manifest.name(), manifest.version().toString(),
                        uploadId, pkg.size(), pkg.prefixedSha256(), STATUS_ACTIVE, now, ManifestAdvice.warnings(manifest)),
                        request.source());
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return versionExists(manifest, manifest.version().toString()); // another node inserted it first
            }
            throw e;
        }
    }

    private Optional<Rejected> checkExisting(Handle h, PluginRow plugin, PluginManifest manifest,
                                             Optional<Principal> publisher) {
        Optional<Rejected> denied = deny(plugin, store.ownerIds(h, plugin.pk()), publisher);
        if (denied.isPresent()) {
            return denied;
        }
        Optional<String> existing = store.existingVersion(h, plugin.pk(), manifest.version());
        if (existing.isPresent()) {
            return Optional.of(versionExists(manifest, existing.get()));
        }
        if (plugin.deletedAt().isPresent()) {
            store.revive(h, plugin.pk());
        }
        return Optional.empty();
    }

    private Optional<Rejected> deny(PluginRow plugin, Set<Long> owners, Optional<Principal> publisher) {
        if (Ownership.mayManage(owners, publisher, dev)) {
            return Optional.empty();
        }
        if (publisher.isEmpty()) {
            return Optional.of(new Rejected(ErrorCode.AUTH_REQUIRED,
                    "Authentication required: only owners can publish new versions of " + plugin.pluginId(), Map.of()));
        }
        return Optional.of(new Rejected(ErrorCode.FORBIDDEN,
                "Forbidden: only owners can publish new versions of " + plugin.pluginId(), Map.of()));
    }

    /** The 409 for a version whose precedence {@code existing} (as published) already holds. */
    private static Rejected versionExists(PluginManifest manifest, String existing) {
        String version = manifest.version().toString();
        String what = existing.equals(version)
                ? "Version " + version + " of " + manifest.id() + " already exists"
                : "Version " + version + " of " + manifest.id() + " has the precedence of version " + existing
                        + ", which already exists (build metadata does not tell versions apart)";
        return new Rejected(ErrorCode.VERSION_EXISTS, what + "; published versions are immutable",
                Map.of("plugin_id", manifest.id(), "version", version, "existing_version", existing));
    }

    /** When the package cannot be read and the uploader gave a digest, a wrong digest is the likelier story. */
    private static Optional<PublishOutcome> checksumMismatch(PublishRequest request) {
        if (request.expectedSha256().isEmpty()) {
            return Optional.empty();
        }
        String actual = Sha256.of(request.file());
        return actual.equals(request.expectedSha256().get())
                ? Optional.empty()
                : Optional.of(mismatch(request.expectedSha256().get(), actual));
    }

    private static Rejected mismatch(String expected, String actual) {
        return new Rejected(ErrorCode.CHECKSUM_MISMATCH, "The package's SHA-256 is sha256:" + actual
                + ", not the sha256:" + expected + " the request gave; nothing was stored",
                Map.of("expected", Sha256.prefixed(expected), "actual", Sha256.prefixed(actual)));
    }

    /** Archive rules are a 400 naming the rule; manifest rules a 422 with the messages per field. */
    static Rejected refused(PackageException e) {
        String message = "The package breaks rule " + e.rule() + ": " + e.getMessage();
        if (e.rule().equals(PackageRules.MANIFEST_INVALID) || !e.fieldErrors().isEmpty()) {
            return new Rejected(ErrorCode.VALIDATION_FAILED, message, e.fieldErrors());
        }
        ErrorCode code = e.rule().equals(PackageRules.PACKAGE_TOO_LARGE) ? ErrorCode.PACKAGE_TOO_LARGE : ErrorCode.PACKAGE_INVALID;
        return new Rejected(code, message, Map.of("rule", e.rule()));
    }

    private static void deleteQuietly(PublishRequest request) {
        try {
            Files.deleteIfExists(request.file());
        } catch (IOException ignored) {
            // the start-up sweep empties the upload folder
        }
    }
}
