package dev.plughub.core.archive;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import dev.plughub.core.checksum.Sha256;
import dev.plughub.core.files.FileTrees;
import dev.plughub.core.manifest.ManifestParser;
import dev.plughub.core.manifest.PluginManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates a package archive within {@link ArchiveLimits}: detects the format (by content,
 * with the file name as a hint), checks every entry name and size, finds exactly one manifest (at the
 * root or one folder down), parses and validates it, and computes the SHA-256. Never throws anything
 * but {@link dev.plughub.core.PackageException} for bad input.
 *
 * <p>Failures of the environment rather than the input — the file cannot be opened, the target
 * disk is full — are {@link UncheckedIOException}s. A reader keeps no state between calls, so one
 * instance may serve many threads.
 */
public final class PackageReader {

    private final ArchiveLimits limits;

    public PackageReader(ArchiveLimits limits) {
        this.limits = limits;
    }

    public ArchiveLimits limits() {
        return limits;
    }

    /**
     * @param file     the archive on disk
     * @param fileName the name the uploader gave it, if any (used as a format hint and in errors)
     */
    public PluginPackage read(Path file, Optional<String> fileName) {
        long size = checkedSize(file);
        ArchiveSignature signature = signature(file);
        ManifestLocator locator = new ManifestLocator(limits.maxManifestBytes());
        EntryGate gate = new EntryGate(limits, size);
        guarded(() -> signature.walker().walk(file, gate, locator));
        ManifestLocator.Located located = locator.locate();
        PluginManifest manifest = ManifestParser.parse(located.format(), located.content(), limits.maxManifestBytes());
        PackageFormat format = signature == ArchiveSignature.GZIP ? PackageFormat.TAR_GZ
                : isJar(fileName, locator) ? PackageFormat.JAR : PackageFormat.ZIP;
        return new PluginPackage(format, manifest, located.path(), size, Sha256.of(file), gate.entries(), gate.expandedBytes());
    }

    /**
     * Extracts a package that {@link #read} accepted into {@code target} (created if missing), with
     * the same limits and name checks; a failure leaves {@code target} absent.
     *
     * <p>The entries are written to a temporary sibling folder that is moved into place only when
     * every entry passed, so a reader of {@code target} never sees half a package. {@code target}
     * must not exist, or be an empty folder.
     */
    public void extract(Path file, PackageFormat format, Path target) {
        long size = checkedSize(file);
        ArchiveSignature signature = signature(file);
        if (!signature.holds(format)) {
            throw new PackageException(PackageRules.NOT_AN_ARCHIVE, "the file is not a ." + format.extension()
                    + " archive; " + PackageFormat.ACCEPTED);
        }
        Path destination = target.toAbsolutePath().normalize();
        Path parent = destination.getParent();
        Path staging;
        try {
            Files.createDirectories(parent);
            if (Files.exists(destination) && !isEmptyDirectory(destination)) {
                throw new FileAlreadyExistsException(destination.toString(), null, "the target exists and is not an empty folder");
            }
            staging = Files.createTempDirectory(parent, "." + destination.getFileName() + ".extracting-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            guarded(() -> signature.walker().walk(file, new EntryGate(limits, size), new DirectoryWriter(staging)));
            Files.deleteIfExists(destination);
            Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(staging);
            throw e;
        }
    }

    private long checkedSize(Path file) {
        long size;
        try {
            // A FIFO or device reports no true size and could stream without end; packages are files.
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " is not a regular file");
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size > limits.maxPackageBytes()) {
            throw new PackageException(PackageRules.PACKAGE_TOO_LARGE, "the package is " + size
                    + " bytes; at most " + limits.maxPackageBytes() + " are allowed");
        }
        return size;
    }

    private static ArchiveSignature signature(Path file) {
        try {
            return ArchiveSignature.of(file).orElseThrow(() -> new PackageException(PackageRules.NOT_AN_ARCHIVE,
                    "the file does not begin as a zip, jar or gzip-compressed archive does; " + PackageFormat.ACCEPTED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJar(Optional<String> fileName, ManifestLocator locator) {
        return fileName.map(name -> name.toLowerCase(Locale.ROOT).endsWith(".jar")).orElse(false)
                || locator.hasRootPluginJarManifest();
    }

    private interface Walk {
        void run() throws IOException;
    }

    /**
     * Runs a walk so that only {@link PackageException} (bad input) or {@link UncheckedIOException}
     * (our own disk) leave it: archive libraries signal malformed input with IOExceptions and, on
     * hostile input, with all kinds of runtime exceptions or deep recursion.
     */
    private static void guarded(Walk walk) {
        try {
            walk.run();
        } catch (PackageException | DirectoryWriter.WriteFailure e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            // LinkageError: an archive may ask for a codec whose optional library is not installed.
            throw new PackageException(PackageRules.ARCHIVE_CORRUPT, "the archive cannot be read: " + describe(e), Map.of(), e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return EntryNameRule.shown(message.lines().findFirst().orElse(message));
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (var children = Files.list(path)) {
            return children.findAny().isEmpty();
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            FileTrees.delete(root);
        } catch (IOException ignored) {
            // Best effort: a staging folder left behind is hidden and harmless, the original error matters more.
        }
    }
}
