package dev.plughub.core.archive;

/**
 * Bounds on reading an archive, each defined once here. A package over any of them is refused with a
 * {@link dev.plughub.core.PackageException} naming the rule.
 *
 * @param maxPackageBytes        size of the archive file itself
 * @param maxUncompressedBytes   sum of all entries once expanded
 * @param maxEntries             number of entries (files and folders)
 * @param maxEntryBytes          one entry once expanded
 * @param maxCompressionRatio    expanded size / compressed size, for the whole archive
 * @param maxDepth               folder depth of an entry name
 * @param maxNameLength          length of an entry name in characters
 * @param maxManifestBytes       size of the manifest file
 */
public record ArchiveLimits(
        long maxPackageBytes,
        long maxUncompressedBytes,
        int maxEntries,
        long maxEntryBytes,
        int maxCompressionRatio,
        int maxDepth,
        int maxNameLength,
        int maxManifestBytes) {

    public static final long MB = 1024L * 1024L;

    /**
     * The longest file or folder name — one segment of an entry name, between slashes — in UTF-8
     * bytes: what ext4, XFS, btrfs, APFS and NTFS (255 UTF-16 units) all take, so a package accepted
     * here can be extracted on any of them. A whole name is bounded by {@code maxNameLength}.
     */
    public static final int MAX_SEGMENT_BYTES = 255;

    /**
     * Expansion up to this many bytes is never called a bomb, whatever the ratio: a tiny package of
     * repetitive text can legitimately compress 500:1, and a bomb only hurts when it expands large.
     */
    public static final long RATIO_EXEMPT_BYTES = MB;

    public ArchiveLimits {
        if (maxPackageBytes <= 0 || maxUncompressedBytes <= 0 || maxEntries <= 0 || maxEntryBytes <= 0
                || maxCompressionRatio <= 0 || maxDepth <= 0 || maxNameLength <= 0 || maxManifestBytes <= 0) {
            throw new IllegalArgumentException("every archive limit must be positive");
        }
    }

    /** How many bytes an archive of {@code compressedBytes} may expand to before the ratio rule refuses it. */
    public long maxExpansionOf(long compressedBytes) {
        long byRatio = compressedBytes > Long.MAX_VALUE / maxCompressionRatio
                ? Long.MAX_VALUE
                : compressedBytes * maxCompressionRatio;
        return Math.max(byRatio, RATIO_EXEMPT_BYTES);
    }

    /** Limits derived from the package size limit (PLUGHUB_MAX_PACKAGE_MB). */
    public static ArchiveLimits forPackageSize(long maxPackageBytes) {
        return new ArchiveLimits(
                maxPackageBytes,
                Math.max(maxPackageBytes * 10, 64 * MB),
                10_000,
                Math.max(maxPackageBytes * 10, 64 * MB),
                200,
                32,
                1024,
                1024 * 1024);
    }
}
