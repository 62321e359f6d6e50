package dev.plughub.registry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blobs as files under a directory, two levels of fan-out ({@code ab/cd/abcd…}). A blob is fsynced
 * and then renamed into place, so a crash leaves either the whole file or none (plus at most a
 * temporary file, which {@link #list()} ignores and the orphan sweep removes once it is old).
 */
public final class FileBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("^[0-9a-f]{64}$");
    /** How the name of a blob being written starts, until it is renamed into place. */
    private static final String TEMPORARY = ".tmp-";

    private final Path root;

    public FileBlobStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the package directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private Path pathOf(String sha256) {
        if (!KEY.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256 key: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    @Override
    public void put(String sha256, Path source) throws IOException {
        Path target = pathOf(sha256);
        if (Files.exists(target)) {
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            Files.deleteIfExists(source);
            return;
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(TEMPORARY + sha256 + "-" + Thread.currentThread().threadId());
        try {
            moveOrCopy(source, temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
            Files.deleteIfExists(source);
        }
    }

    private static void moveOrCopy(Path source, Path temp) throws IOException {
        try {
            Files.move(source, temp, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot fsync a directory; the rename is still atomic there.
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Files.exists(pathOf(sha256));
    }

    @Override
    public Optional<Path> localFile(String sha256) {
        Path p = pathOf(sha256);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(pathOf(sha256));
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(pathOf(sha256));
    }

    @Override
    public Stream<StoredBlob> list() throws IOException {
        List<StoredBlob> blobs = new ArrayList<>();
        walk((file, writtenAt) -> {
            if (KEY.matcher(file.getFileName().toString()).matches()) {
                blobs.add(new StoredBlob(file.getFileName().toString(), writtenAt));
            }
        });
        return blobs.stream();
    }

    @Override
    public int removeLeftovers(Instant writtenBefore) throws IOException {
        List<Path> stale = new ArrayList<>();
        walk((file, writtenAt) -> {
            if (file.getFileName().toString().startsWith(TEMPORARY) && writtenAt.isBefore(writtenBefore)) {
                stale.add(file);
            }
        });
        for (Path file : stale) {
            Files.deleteIfExists(file);
        }
        return stale.size();
    }

    /** Every regular file in the fan-out folders with its write time: one directory read and one stat per entry. */
    private void walk(BiConsumer<Path, Instant> visit) throws IOException {
        Files.walkFileTree(root, Set.of(), 3, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    visit.accept(file, attributes.lastModifiedTime().toInstant());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;   // removed meanwhile (a delete, a finished put)
            }
        });
    }
}
