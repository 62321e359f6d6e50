package dev.plughub.core.archive;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and validates a package archive within {@link ArchiveLimits}: detects the format (by content,
 * with the file name as a hint), checks every entry name and size, finds exactly one manifest (at the
 * root or one folder down), parses and validates it, and computes the SHA-256. Never throws anything
 * but {@link dev.plughub.core.PackageException} for bad input.
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
        throw new UnsupportedOperationException("core: PackageReader.read is being written");
    }

    /**
     * Extracts a package that {@link #read} accepted into {@code target} (created if missing), with
     * the same limits and name checks; a failure leaves {@code target} absent.
     */
    public void extract(Path file, PackageFormat format, Path target) {
        throw new UnsupportedOperationException("core: PackageReader.extract is being written");
    }
}
