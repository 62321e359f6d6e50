package dev.plughub.core.archive;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Applies {@link ArchiveLimits} to the entries of one archive as they stream by: counts entries,
 * checks names, kinds and collisions, and meters the bytes actually expanded (declared sizes may
 * refuse an entry early but never admit one). Every limit is checked while reading, so a bomb is
 * stopped as soon as it crosses a bound, never inflated in full.
 */
final class EntryGate {

    private final ArchiveLimits limits;
    private final long maxExpansion;
    private final Set<String> files = new HashSet<>();
    private final Set<String> directories = new HashSet<>();
    private int entries;
    private long expanded;

    EntryGate(ArchiveLimits limits, long packageBytes) {
        this.limits = limits;
        this.maxExpansion = limits.maxExpansionOf(packageBytes);
    }

    ArchiveLimits limits() {
        return limits;
    }

    int entries() {
        return entries;
    }

    long expandedBytes() {
        return expanded;
    }

    /** Checks one entry before its content is read; gives back its safe relative name ("" for the root folder). */
    String admit(String rawName, EntryKind kind, long declaredSize) {
        if (++entries > limits.maxEntries()) {
            throw new PackageException(PackageRules.TOO_MANY_ENTRIES,
                    "the package has more than " + limits.maxEntries() + " entries");
        }
        String name = EntryNameRule.check(rawName, limits);
        switch (kind) {
            case SYMLINK, HARDLINK -> throw new PackageException(PackageRules.ENTRY_IS_LINK, "entry '"
                    + EntryNameRule.shown(rawName) + "' is a " + (kind == EntryKind.SYMLINK ? "symbolic" : "hard")
                    + " link; links are not allowed in a package");
            case OTHER -> throw new PackageException(PackageRules.ENTRY_TYPE_UNSUPPORTED, "entry '"
                    + EntryNameRule.shown(rawName) + "' is neither a file nor a folder");
            case DIRECTORY -> admitDirectory(name, rawName);
            case FILE -> {
                if (name.isEmpty()) {
                    throw EntryNameRule.unsafe(rawName, "a file cannot be the package root");
                }
                if (declaredSize > limits.maxEntryBytes()) {
                    throw entryTooLarge(rawName);
                }
                admitFile(name, rawName);
            }
        }
        return name;
    }

    /**
     * The entry's content, counted against the per-entry, total and ratio limits as it is read.
     * Closing it leaves the archive stream open: the walker owns that.
     */
    InputStream meter(String name, InputStream content) {
        long[] entryBytes = {0};
        return new CountingInputStream(content, n -> {
            entryBytes[0] += n;
            expanded += n;
            if (entryBytes[0] > limits.maxEntryBytes()) {
                throw entryTooLarge(name);
            }
            if (expanded > limits.maxUncompressedBytes()) {
                throw expandedTooLarge();
            }
            if (expanded > maxExpansion) {
                throw ratioExceeded();
            }
        }, false);
    }

    /**
     * Counts the raw expanded stream of a compressed archive (tar headers and padding included)
     * against the ratio and total limits, with {@code structureAllowance} bytes of room for the
     * format's own bookkeeping.
     */
    InputStream meterStream(InputStream expandedStream, long structureAllowance) {
        long maxTotal = saturatedAdd(limits.maxUncompressedBytes(), structureAllowance);
        long maxRatio = saturatedAdd(maxExpansion, structureAllowance);
        long[] streamBytes = {0};
        return new CountingInputStream(expandedStream, n -> {
            streamBytes[0] += n;
            if (streamBytes[0] > maxTotal) {
                throw expandedTooLarge();
            }
            if (streamBytes[0] > maxRatio) {
                throw ratioExceeded();
            }
        }, true);
    }

    private void admitDirectory(String name, String rawName) {
        if (name.isEmpty()) {
            return;
        }
        String key = key(name);
        if (files.contains(key)) {
            throw EntryNameRule.unsafe(rawName, "a file of the same name is already in the package");
        }
        addParents(key, rawName);
        directories.add(key);
    }

    private void admitFile(String name, String rawName) {
        String key = key(name);
        if (directories.contains(key)) {
            throw EntryNameRule.unsafe(rawName, "a folder of the same name is already in the package");
        }
        if (!files.add(key)) {
            throw EntryNameRule.unsafe(rawName, "it appears twice (names are compared ignoring case and Unicode"
                    + " normalization, café written with é or with e and an accent alike, as some file systems do)");
        }
        addParents(key, rawName);
    }

    private void addParents(String key, String rawName) {
        for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
            String parent = key.substring(0, slash);
            if (files.contains(parent)) {
                throw EntryNameRule.unsafe(rawName, "its folder '" + EntryNameRule.shown(parent) + "' is a file in the package");
            }
            directories.add(parent);
        }
    }

    /** Names that would land on the same file on a case-insensitive or normalizing file system collide. */
    private static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private PackageException entryTooLarge(String name) {
        return new PackageException(PackageRules.ENTRY_TOO_LARGE, "entry '" + EntryNameRule.shown(name)
                + "' expands past " + limits.maxEntryBytes() + " bytes");
    }

    private PackageException expandedTooLarge() {
        return new PackageException(PackageRules.EXPANDED_TOO_LARGE,
                "the package expands past " + limits.maxUncompressedBytes() + " bytes");
    }

    private PackageException ratioExceeded() {
        return new PackageException(PackageRules.COMPRESSION_RATIO_EXCEEDED, "the package expands more than "
                + limits.maxCompressionRatio() + " times its size; it looks like a zip bomb");
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
