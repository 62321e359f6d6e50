package dev.plughub.registry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Package files, addressed by their SHA-256 (lower-case hex). A blob is written completely and
 * durably before {@link #put} returns, so a database row that names it never points at nothing.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Stores the bytes of {@code source} under {@code sha256}, consuming {@code source} (it is moved
     * or deleted). Storing a blob that already exists only refreshes its write time, so the orphan
     * sweep's grace period counts from the latest publish that relies on it.
     */
    void put(String sha256, Path source) throws IOException;

    boolean exists(String sha256);

    /** The blob as a local file, when the store keeps files on this machine (zero-copy serving). */
    Optional<Path> localFile(String sha256);

    InputStream open(String sha256) throws IOException;

    /** Bytes {@code [start, start + length)} of the blob; stores that can fetch a range alone override this. */
    default InputStream open(String sha256, long start, long length) throws IOException {
        InputStream in = open(sha256);
        try {
            in.skipNBytes(start);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /**
     * A short-lived URL a client may fetch the blob from directly, when the store is configured to
     * hand downloads off that way; empty means the node streams the bytes itself.
     */
    default Optional<URI> presignedDownload(String sha256, String fileName, String mediaType) {
        return Optional.empty();
    }

    /** Where the blobs are, for log lines and messages (never with credentials). */
    String describe();

    @Override
    default void close() {
    }

    void delete(String sha256) throws IOException;

    /** Every stored key with the time it was written, for the orphan sweep. */
    Stream<StoredBlob> list() throws IOException;

    /**
     * Removes what an interrupted {@link #put} left behind (a temporary file) when it was last written
     * before {@code writtenBefore}, so a put in flight keeps its own; answers how many went. Stores
     * whose writes are atomic without one (S3) have none.
     */
    default int removeLeftovers(java.time.Instant writtenBefore) throws IOException {
        return 0;
    }

    record StoredBlob(String sha256, java.time.Instant writtenAt) {
    }
}
