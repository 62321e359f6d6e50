package dev.plughub.registry.downloads;

import dev.plughub.registry.storage.BlobStore;
import dev.plughub.registry.storage.PackageFileLock;
import dev.plughub.registry.storage.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clean-up after a crash: removes multipart parts left in the upload folder, package files that
 * no live version references (a publish writes its file before its row, so a crash between the two
 * leaves a file nobody can download), and files a store left half-written. Package files younger
 * than {@code grace} are kept: they may belong to a publish still in flight, in this process or in
 * another sharing the store.
 *
 * <p>Why a grace period rather than a table of publishes in flight: a publish stores its file — or,
 * when the same bytes are there already, renews the file's write time ({@code BlobStore#put}) — and
 * commits its row a moment later, far inside the grace period, so a file old enough to be swept is
 * one no publish is about to reference. A table would cost every publish two more database writes
 * for the same promise. The grace period must stay longer than the slowest publish between storing
 * and committing (seconds; the database's connection timeout bounds the wait for the commit).
 *
 * <p>The same promise lets the package sweep run beside the server ({@link #sweepPackagesInBackground}):
 * listing a store of tens of thousands of files (or a bucket, a thousand keys per request) took
 * seconds, which the start no longer waits for. Only the upload folder, which publishes in flight
 * write to, is emptied before the server takes requests.
 */
public final class OrphanSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final Database db;
    private final BlobStore blobs;
    private final PackageFileLock fileLock;
    private final Path uploadDir;
    private final Duration grace;
    private final Clock clock;

    public OrphanSweeper(Database db, BlobStore blobs, PackageFileLock fileLock, Path uploadDir, Duration grace, Clock clock) {
        this.db = db;
        this.blobs = blobs;
        this.fileLock = fileLock;
        this.uploadDir = uploadDir;
        this.grace = grace;
        this.clock = clock;
    }

    /** What one sweep removed, and the orphans it kept for being too young. */
    public record Result(int uploadsRemoved, int blobsRemoved, int youngOrphansKept) {
    }

    /** What a package sweep removed and kept. */
    public record Packages(int blobsRemoved, int youngOrphansKept, int leftoversRemoved) {
    }

    /** The whole sweep, in the calling thread: the upload folder, then the package store. */
    public Result sweep() throws IOException {
        int uploads = emptyUploadDir();
        Packages packages = sweepPackages();
        return new Result(uploads, packages.blobsRemoved(), packages.youngOrphansKept());
    }

    /**
     * Empties the upload folder, where publishes in flight keep their parts: call it before the server
     * takes requests. Answers how many files it removed.
     */
    public int emptyUploadDir() throws IOException {
        if (!Files.isDirectory(uploadDir)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> walk = Files.walk(uploadDir)) {
            leftovers = walk.filter(p -> !p.equals(uploadDir)).sorted(Comparator.reverseOrder()).toList();
        }
        int files = 0;
        for (Path p : leftovers) {
            if (!Files.isDirectory(p)) {
                files++;
            }
            Files.deleteIfExists(p);
        }
        if (files > 0) {
            log.info("Start-up sweep: removed {} stale upload file(s)", files);
        }
        return files;
    }

    /** Removes unreferenced package files and half-written ones older than the grace period. */
    public Packages sweepPackages() throws IOException {
        Instant cutoff = clock.instant().minus(grace);
        int leftovers = blobs.removeLeftovers(cutoff);
        if (catalogIsEmpty()) {
            try (Stream<BlobStore.StoredBlob> all = blobs.list()) {
                long files = all.count();
                if (files > 0) {
                    // A database that was lost, emptied or restored after the packages: the files may be
                    // all that is left of the catalogue, so none is removed.
                    log.warn("Package sweep skipped: the database has no versions at all, but {} holds {} package file(s);"
                            + " if the database was lost or restored, restore plughub.db (or the PostgreSQL database)"
                            + " first; if the catalogue was meant to start empty, remove those files yourself",
                            blobs.describe(), files);
                    return new Packages(0, (int) Math.min(files, Integer.MAX_VALUE), leftovers);
                }
            }
        }
        Set<String> referenced = new HashSet<>(db.read().withHandle(h -> h
                .createQuery("SELECT DISTINCT sha256 FROM plugin_versions WHERE deleted_at IS NULL")
                .mapTo(String.class).list()));
        int removed = 0;
        int kept = 0;
        List<BlobStore.StoredBlob> stored;
        try (Stream<BlobStore.StoredBlob> all = blobs.list()) {
            stored = all.filter(b -> !referenced.contains(b.sha256())).toList();
        }
        for (BlobStore.StoredBlob orphan : stored) {
            if (!orphan.writtenAt().isBefore(cutoff)) {
                kept++;
                continue;
            }
            boolean[] deleted = {false};
            // Checked again file by file, with no publish between storing a file and committing its row:
            // the list above is seconds old on a large store, and a publish may have reused the file since.
            fileLock.whileNoPublishIsStoring(() -> {
                if (!referenced(orphan.sha256())) {
                    blobs.delete(orphan.sha256());
                    deleted[0] = true;
                }
            });
            if (deleted[0]) {
                removed++;
            }
        }
        Packages result = new Packages(removed, kept, leftovers);
        if (removed + kept + leftovers > 0) {
            log.info("Package sweep: removed {} unreferenced package file(s){}{}", removed,
                    leftovers == 0 ? "" : " and " + leftovers + " half-written one(s)",
                    kept == 0 ? "" : "; kept " + kept + " younger than " + grace.toSeconds() + " s");
        } else {
            log.debug("Package sweep: every package file is referenced");
        }
        return result;
    }

    private boolean catalogIsEmpty() {
        return db.read().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM plugin_versions").mapTo(Long.class).one()) == 0;
    }

    private boolean referenced(String sha256) {
        return db.read().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM plugin_versions WHERE sha256 = :sha256 AND deleted_at IS NULL")
                .bind("sha256", sha256).mapTo(Long.class).one()) > 0;
    }

    /**
     * Runs {@link #sweepPackages} on a thread of its own and returns at once. Closing the answer waits
     * for the sweep to end (half a minute at most), so the store and database it uses stay open until
     * it is done. A sweep that fails is logged: the next start tries again.
     */
    public AutoCloseable sweepPackagesInBackground() {
        Thread sweeper = Thread.ofPlatform().daemon().name("package-sweep").start(() -> {
            try {
                sweepPackages();
            } catch (IOException | RuntimeException e) {
                log.warn("The package sweep failed; the next start tries again: {}", e.toString());
            }
        });
        return () -> sweeper.join(Duration.ofSeconds(30));
    }
}
