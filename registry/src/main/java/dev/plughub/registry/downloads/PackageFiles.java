package dev.plughub.registry.downloads;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.plughub.registry.storage.BlobStore;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Package bytes on their way to a client. A blob kept on this machine is memory-mapped once and the
 * mapping reused by every later download, so Jetty writes the page cache straight to the socket with
 * no copy through the heap (mapping per request instead piles up mappings until a GC: NOTES-HTTP §4).
 * Reuse is safe because blobs are immutable and replaced only by atomic rename. Other stores (S3)
 * are streamed, fetching only the requested range; that a blob exists is checked once and then
 * remembered for a minute, so a download costs one request to the store, not two.
 */
public final class PackageFiles {

    /** A mapping is at most 2 GiB; larger files are mapped in pieces of this size. */
    private static final long PIECE = 1L << 30;

    private final BlobStore blobs;
    private final Cache<String, Body> mapped;
    /** Remote blobs seen to exist; a blob deleted meanwhile fails its download instead of answering 404. */
    private final Cache<String, Boolean> present;

    public PackageFiles(BlobStore blobs, int maxMappedFiles) {
        this.blobs = blobs;
        // Dropping idle mappings lets the GC unmap them, which also frees the space of deleted blobs.
        this.mapped = Caffeine.newBuilder().maximumSize(maxMappedFiles).expireAfterAccess(Duration.ofMinutes(10)).build();
        this.present = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();
    }

    /** The bytes of one package, ready to be sent whole or in part. */
    public interface Body {
        /** The number of bytes. */
        long size();

        /** Writes bytes {@code [start, start + length)} as the complete response body. */
        void send(ServletOutputStream out, long start, long length) throws IOException;
    }

    /**
     * The blob's bytes, or empty when the store does not have it.
     *
     * @param size the size the catalogue recorded, for stores that cannot tell it cheaply
     */
    public Optional<Body> open(String sha256, long size) {
        Body body = mapped.getIfPresent(sha256);
        if (body != null) {
            return Optional.of(body);
        }
        Optional<Path> file = blobs.localFile(sha256);
        if (file.isEmpty()) {
            if (present.getIfPresent(sha256) == null) {
                if (!blobs.exists(sha256)) {
                    return Optional.empty();
                }
                present.put(sha256, Boolean.TRUE);
            }
            return Optional.of(new Streamed(blobs, sha256, size));
        }
        try {
            return Optional.of(mapped.get(sha256, k -> map(file.get())));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return Optional.empty();   // deleted between the check and the mapping
            }
            throw e;
        }
    }

    /**
     * The whole of a blob kept on this machine, from its mapping, when it is mapped in one piece (under
     * a gibibyte): a fresh view for one response. Empty for any other blob, which {@link #open} serves.
     */
    public Optional<ByteBuffer> mappedWhole(String sha256, long size) {
        Body body = mapped.getIfPresent(sha256);
        if (body == null && blobs.localFile(sha256).isPresent()) {
            body = open(sha256, size).orElse(null);   // maps it, for this request and the next
        }
        return wholeView(body);
    }

    /** {@link #mappedWhole} when the blob is mapped already: no file is opened. */
    public Optional<ByteBuffer> mappedAlready(String sha256) {
        return wholeView(mapped.getIfPresent(sha256));
    }

    /** A fresh view of a body mapped in one piece; empty for any other (or none). */
    private static Optional<ByteBuffer> wholeView(Body body) {
        return body instanceof Mapped whole && whole.pieces().size() == 1
                ? Optional.of(whole.pieces().getFirst().slice())
                : Optional.empty();
    }

    /** A URL the client may fetch the blob from itself, when the store hands downloads off (S3 with presign=true). */
    public Optional<URI> presigned(ServedVersion version) {
        return blobs.presignedDownload(version.sha256(), version.fileName(), version.mediaType());
    }

    private static Body map(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            List<ByteBuffer> pieces = new ArrayList<>();
            for (long at = 0; at < size || pieces.isEmpty(); at += PIECE) {
                pieces.add(channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(PIECE, size - at)));
            }
            return new Mapped(pieces, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mapped file; every request takes its own slices, so the shared buffers' positions never move. */
    private record Mapped(List<ByteBuffer> pieces, long size) implements Body {
        @Override
        public void send(ServletOutputStream out, long start, long length) throws IOException {
            List<ByteBuffer> slices = new ArrayList<>(1);
            long at = start;
            long end = start + length;
            while (at < end) {
                ByteBuffer piece = pieces.get((int) (at / PIECE));
                int from = (int) (at % PIECE);
                int n = (int) Math.min(piece.capacity() - from, end - at);
                slices.add(piece.slice(from, n));
                at += n;
            }
            if (out instanceof HttpOutput jetty) {
                if (slices.size() == 1) {
                    jetty.sendContent(slices.getFirst());   // written from the mapping, response completed
                    return;
                }
                for (ByteBuffer slice : slices) {
                    jetty.write(slice);
                }
            } else {
                byte[] chunk = new byte[64 * 1024];
                for (ByteBuffer slice : slices) {
                    while (slice.hasRemaining()) {
                        int n = Math.min(chunk.length, slice.remaining());
                        slice.get(chunk, 0, n);
                        out.write(chunk, 0, n);
                    }
                }
            }
            out.close();
        }
    }

    /** A blob held elsewhere (an object store): the requested range copied through a buffer. */
    private record Streamed(BlobStore blobs, String sha256, long size) implements Body {
        @Override
        public void send(ServletOutputStream out, long start, long length) throws IOException {
            try (InputStream in = blobs.open(sha256, start, length)) {
                byte[] chunk = new byte[64 * 1024];
                long left = length;
                while (left > 0) {
                    int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                    if (n < 0) {
                        throw new IOException("package " + sha256 + " ended " + left + " bytes early");
                    }
                    out.write(chunk, 0, n);
                    left -= n;
                }
            }
            out.close();
        }
    }
}
