package dev.plughub.core;

import java.util.List;

/**
 * The stable names of the rules a package, an archive entry or a manifest can break — the values of
 * {@link PackageException#rule()}. Each is defined once here; API answers and tests refer to these.
 */
public final class PackageRules {

    /** The archive file is over {@code ArchiveLimits.maxPackageBytes}. */
    public static final String PACKAGE_TOO_LARGE = "PACKAGE_TOO_LARGE";
    /** The file is not a zip, jar or tar.gz; the message names the formats taken. */
    public static final String NOT_AN_ARCHIVE = "NOT_AN_ARCHIVE";
    /** The archive is truncated, malformed, encrypted or uses a compression method we do not read. */
    public static final String ARCHIVE_CORRUPT = "ARCHIVE_CORRUPT";
    public static final String TOO_MANY_ENTRIES = "TOO_MANY_ENTRIES";
    /** One entry expands past {@code maxEntryBytes}. */
    public static final String ENTRY_TOO_LARGE = "ENTRY_TOO_LARGE";
    /** All entries together expand past {@code maxUncompressedBytes}. */
    public static final String EXPANDED_TOO_LARGE = "EXPANDED_TOO_LARGE";
    /** The archive expands more than {@code maxCompressionRatio} times its size: a zip bomb. */
    public static final String COMPRESSION_RATIO_EXCEEDED = "COMPRESSION_RATIO_EXCEEDED";
    /** An entry name with {@code ..}, an absolute path, a drive letter, a backslash, a control character, an empty segment, or that collides with another entry. */
    public static final String ENTRY_NAME_UNSAFE = "ENTRY_NAME_UNSAFE";
    /**
     * An entry name longer than {@code maxNameLength} characters, or with a file or folder name (a
     * part between slashes) longer than {@code ArchiveLimits.MAX_SEGMENT_BYTES} UTF-8 bytes.
     */
    public static final String ENTRY_NAME_TOO_LONG = "ENTRY_NAME_TOO_LONG";
    /** An entry name with more folders than {@code maxDepth}. */
    public static final String ENTRY_TOO_DEEP = "ENTRY_TOO_DEEP";
    /** A symbolic or hard link. */
    public static final String ENTRY_IS_LINK = "ENTRY_IS_LINK";
    /** A device, FIFO, sparse file or other entry that is neither a file nor a folder. */
    public static final String ENTRY_TYPE_UNSUPPORTED = "ENTRY_TYPE_UNSUPPORTED";
    public static final String MANIFEST_MISSING = "MANIFEST_MISSING";
    /** Two manifests of the kind that would be used, at different places. */
    public static final String MANIFEST_AMBIGUOUS = "MANIFEST_AMBIGUOUS";
    public static final String MANIFEST_TOO_LARGE = "MANIFEST_TOO_LARGE";
    /** The manifest is not UTF-8 or not valid JSON / YAML / Python / manifest syntax. */
    public static final String MANIFEST_UNREADABLE = "MANIFEST_UNREADABLE";
    /** The manifest parsed but breaks field rules; {@link PackageException#fieldErrors()} lists them. */
    public static final String MANIFEST_INVALID = "MANIFEST_INVALID";

    public static final List<String> ALL = List.of(
            PACKAGE_TOO_LARGE, NOT_AN_ARCHIVE, ARCHIVE_CORRUPT, TOO_MANY_ENTRIES, ENTRY_TOO_LARGE,
            EXPANDED_TOO_LARGE, COMPRESSION_RATIO_EXCEEDED, ENTRY_NAME_UNSAFE, ENTRY_NAME_TOO_LONG,
            ENTRY_TOO_DEEP, ENTRY_IS_LINK, ENTRY_TYPE_UNSUPPORTED, MANIFEST_MISSING, MANIFEST_AMBIGUOUS,
            MANIFEST_TOO_LARGE, MANIFEST_UNREADABLE, MANIFEST_INVALID);

    private PackageRules() {
    }
}
