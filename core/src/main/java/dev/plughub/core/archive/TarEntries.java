package dev.plughub.core.archive;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Walks a tar.gz as one stream. Besides each entry's content, the whole expanded stream is metered
 * (headers, padding, long names and PAX records included), so that no part of the format can be
 * used to expand without bound.
 */
final class TarEntries implements ArchiveWalker {

    /** Room per entry for tar's own bytes: header, padding, a long-name or PAX record. */
    private static final long STRUCTURE_PER_ENTRY = 4096;
    private static final int TAR_BLOCK = 512;

    @Override
    public void walk(Path archive, EntryGate gate, EntryVisitor visitor) throws IOException {
        ArchiveLimits limits = gate.limits();
        long allowance = (limits.maxEntries() + 16L) * (STRUCTURE_PER_ENTRY + 8L * limits.maxNameLength());
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 64 * 1024);
             InputStream gzip = GzipCompressorInputStream.builder().setInputStream(file).setDecompressConcatenated(true).get();
             InputStream expanded = new BufferedInputStream(gate.meterStream(gzip, allowance), TAR_BLOCK);
             TarArchiveInputStream tar = new BoundedTarInputStream(expanded, limits)) {
            requireTarHeader(expanded);
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                EntryKind kind = kind(entry);
                String name = gate.admit(entry.getName(), kind, entry.getSize());
                if (kind == EntryKind.DIRECTORY) {
                    visitor.directory(name);
                    continue;
                }
                try (InputStream content = gate.meter(name, tar)) {
                    visitor.file(name, entry.getMode() & 0777, content);
                    content.transferTo(OutputStream.nullOutputStream());
                }
            }
        }
    }

    /**
     * A tar begins with a 512-byte header block. Less than that (a gzip of a bare plugin.json, say)
     * would read as a tar with no entries and be refused for its missing manifest, which would send
     * the author looking in the wrong place.
     */
    private static void requireTarHeader(InputStream expanded) throws IOException {
        expanded.mark(TAR_BLOCK);
        int held = expanded.readNBytes(TAR_BLOCK).length;
        expanded.reset();
        if (held < TAR_BLOCK) {
            throw new PackageException(PackageRules.ARCHIVE_CORRUPT, "the file is gzip-compressed, but what it holds ("
                    + held + " bytes) is not a tar archive, which begins with a " + TAR_BLOCK + "-byte header; "
                    + "a .tar.gz is a tar compressed with gzip");
        }
    }

    private static EntryKind kind(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return EntryKind.SYMLINK;
        }
        if (entry.isLink()) {
            return EntryKind.HARDLINK;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() || entry.isSparse() || entry.isGNUSparse()) {
            return EntryKind.OTHER;
        }
        if (entry.isDirectory()) {
            return EntryKind.DIRECTORY;
        }
        return entry.isFile() ? EntryKind.FILE : EntryKind.OTHER;
    }

    /** Refuses a GNU long name or long link record larger than any name the limits allow, before it is buffered. */
    private static final class BoundedTarInputStream extends TarArchiveInputStream {
        private final ArchiveLimits limits;

        BoundedTarInputStream(InputStream in, ArchiveLimits limits) {
            super(in);
            this.limits = limits;
        }

        @Override
        protected byte[] getLongNameData() throws IOException {
            TarArchiveEntry record = getCurrentEntry();
            // A name of maxNameLength characters is at most 4 bytes each in UTF-8, plus a NUL.
            if (record != null && record.getSize() > 4L * limits.maxNameLength() + 1) {
                throw new PackageException(PackageRules.ENTRY_NAME_TOO_LONG, "a tar long-name record is "
                        + record.getSize() + " bytes; names may be at most " + limits.maxNameLength() + " characters");
            }
            return super.getLongNameData();
        }
    }
}
