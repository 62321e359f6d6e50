package dev.plughub.core.archive;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * Walks a zip (or jar) through its central directory, which is where the unix mode of an entry —
 * and so a symbolic link — is recorded; entries are read in directory order, each metered.
 */
final class ZipEntries implements ArchiveWalker {

    /**
     * Stored, deflated, deflate64 and bzip2: what zip tools write and commons-compress reads by
     * itself. Others (zstd, xz, lzma...) would need codecs that are not on the classpath.
     */
    private static final Set<Integer> SUPPORTED_METHODS = Set.of(
            ZipMethod.STORED.getCode(), ZipMethod.DEFLATED.getCode(), ZipMethod.ENHANCED_DEFLATED.getCode(),
            ZipMethod.BZIP2.getCode());
    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_DIRECTORY = 0040000;
    private static final int TYPE_SYMLINK = 0120000;

    @Override
    public void walk(Path archive, EntryGate gate, EntryVisitor visitor) throws IOException {
        ZipCentralDirectory.requireAtMost(archive, gate.limits().maxEntries());
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                EntryKind kind = kind(entry);
                String name = gate.admit(entry.getName(), kind, entry.getSize());
                requireRawNameSafe(entry);
                if (kind == EntryKind.DIRECTORY) {
                    visitor.directory(name);
                    continue;
                }
                if (!SUPPORTED_METHODS.contains(entry.getMethod()) || !zip.canReadEntryData(entry)) {
                    throw new PackageException(PackageRules.ARCHIVE_CORRUPT, "entry '" + EntryNameRule.shown(entry.getName())
                            + "' is encrypted or uses a compression method that is not supported");
                }
                try (InputStream raw = zip.getInputStream(entry)) {
                    InputStream content = gate.meter(name, raw);
                    visitor.file(name, entry.getUnixMode() & 0777, content);
                    content.transferTo(OutputStream.nullOutputStream());
                }
            }
        }
    }

    /**
     * commons-compress turns backslashes into slashes in names of zips made on Windows, and other
     * tools do not; the bytes as stored must be free of them so that every tool sees the same tree.
     */
    private static void requireRawNameSafe(ZipArchiveEntry entry) {
        byte[] raw = entry.getRawName();
        if (raw == null) {
            return;
        }
        for (byte b : raw) {
            if (b == '\\') {
                throw EntryNameRule.unsafe(entry.getName(), "it contains a backslash");
            }
            if (b == 0) {
                throw EntryNameRule.unsafe(entry.getName(), "it contains a NUL character");
            }
        }
    }

    private static EntryKind kind(ZipArchiveEntry entry) {
        int type = entry.getUnixMode() & TYPE_MASK;
        if (entry.isUnixSymlink() || type == TYPE_SYMLINK) {
            return EntryKind.SYMLINK;
        }
        if (entry.isDirectory() || type == TYPE_DIRECTORY) {
            return EntryKind.DIRECTORY;
        }
        return type == 0 || type == TYPE_FILE ? EntryKind.FILE : EntryKind.OTHER;
    }
}
