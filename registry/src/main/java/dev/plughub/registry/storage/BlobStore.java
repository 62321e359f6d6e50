package dev.plughub.registry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Package files, addressed by their SHA-256 (lower-case hex). A blob is written completely and
 * durably before {@link #put} returns, so a database row that names it never points at nothing.
 */
public interface BlobStore {

    /**
     * Stores the bytes of {@code source} under {@code sha256}, consuming {@code source} (it is moved
     * or deleted). Storing a blob that already exists is a no-op.
     */
    void put(String sha256, Path source) throws IOException;

    boolean exists(String sha256);

    /** The blob as a local file, when the store keeps files on this machine (zero-copy serving). */
    Optional<Path> localFile(String sha256);

    InputStream open(String sha256) throws IOException;

    void delete(String sha256) throws IOException;

    /** Every stored key with the time it was written, for the orphan sweep. */
    Stream<StoredBlob> list() throws IOException;

    record StoredBlob(String sha256, java.time.Instant writtenAt) {
    }
}
