package dev.plughub.registry.catalog;

import dev.plughub.core.archive.PackageFormat;
import dev.plughub.core.archive.PackageReader;
import dev.plughub.registry.catalog.CatalogStore.VersionRow;
import dev.plughub.registry.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Packages unpacked on the registry's disk for seed 000's {@code /path}:
 * {@code <data>/extracted/<id>/<version>/}. A version is extracted on first request into a
 * temporary folder that is then renamed into place, so a reader never sees half a tree.
 */
public final class ExtractedPackages {

    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;
    private final BlobStore blobs;
    private final PackageReader reader;

    public ExtractedPackages(Path root, BlobStore blobs, PackageReader reader) {
        this.root = root;
        this.blobs = blobs;
        this.reader = reader;
        try {
            Files.createDirectories(root);
            try (Stream<Path> children = Files.list(root)) {
                for (Path leftover : children.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                    deleteTree(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + root, e);
        }
    }

    /** The folder holding the version's files, extracting them first if needed. */
    public Path extract(String pluginId, VersionRow version) {
        Path target = root.resolve(pluginId).resolve(version.version());
        if (Files.isDirectory(target)) {
            return target;
        }
        String unique = TEMP_PREFIX + UUID.randomUUID();
        Path temp = root.resolve(unique);
        Path copy = root.resolve(unique + ".pkg");
        try {
            Optional<Path> local = blobs.localFile(version.sha256());
            Path packageFile = local.isPresent() ? local.get() : download(version.sha256(), copy);
            reader.extract(packageFile, formatOf(version.format()), temp);
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another request extracted the same version first: its tree is as good as ours
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + pluginId + " " + version.version(), e);
        } finally {
            deleteTree(temp);
            deleteTree(copy);
        }
    }

    /** Removes every extracted version of a plugin. */
    public void remove(String pluginId) {
        deleteTree(root.resolve(pluginId));
    }

    private Path download(String sha256, Path copy) throws IOException {
        try (InputStream in = blobs.open(sha256)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    private static PackageFormat formatOf(String extension) {
        for (PackageFormat f : PackageFormat.values()) {
            if (f.extension().equals(extension)) {
                return f;
            }
        }
        throw new IllegalStateException("unknown stored package format " + extension);
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }
}
