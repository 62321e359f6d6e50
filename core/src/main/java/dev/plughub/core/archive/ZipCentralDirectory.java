package dev.plughub.core.archive;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the records of a zip's central directory, stopping at the limit, before
 * {@code ZipFile} is opened: {@code ZipFile} reads every record into memory up front, so a small
 * zip of a million empty entries would cost hundreds of megabytes before any limit could act.
 * The central directory is located the way commons-compress locates it (the last end-of-central-
 * directory record within 64 KiB of the end, with its ZIP64 locator when present).
 */
final class ZipCentralDirectory {

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    private static final int EOCD_MIN_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    private ZipCentralDirectory() {
    }

    static void requireAtMost(Path archive, int maxEntries) throws IOException {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            long offset = centralDirectoryOffset(channel);
            channel.position(offset);
            InputStream records = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
            byte[] header = new byte[46];
            ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int count = 0;
            while (records.readNBytes(header, 0, header.length) == header.length
                    && fields.getInt(0) == CENTRAL_HEADER_SIGNATURE) {
                if (++count > maxEntries) {
                    throw new PackageException(PackageRules.TOO_MANY_ENTRIES,
                            "the package has more than " + maxEntries + " entries");
                }
                long variable = Short.toUnsignedInt(fields.getShort(28)) + Short.toUnsignedInt(fields.getShort(30))
                        + Short.toUnsignedInt(fields.getShort(32));
                records.skipNBytes(Math.min(variable, channel.size()));
            }
        } catch (java.io.EOFException e) {
            // A record cut short: the count so far is all there is, and ZipFile will report the damage.
        }
    }

    private static long centralDirectoryOffset(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < EOCD_MIN_SIZE) {
            throw corrupt("it is too short to be a zip archive");
        }
        int tailLength = (int) Math.min(size, EOCD_MIN_SIZE + MAX_COMMENT);
        ByteBuffer tail = read(channel, size - tailLength, tailLength);
        for (int i = tailLength - EOCD_MIN_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIGNATURE) {
                long eocd = size - tailLength + i;
                long offset = Integer.toUnsignedLong(tail.getInt(i + 16));
                if (eocd >= 20) {
                    ByteBuffer locator = read(channel, eocd - 20, 20);
                    if (locator.getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
                        long zip64Eocd = locator.getLong(8);
                        if (zip64Eocd >= 0 && zip64Eocd + 56 <= size) {
                            ByteBuffer record = read(channel, zip64Eocd, 56);
                            if (record.getInt(0) == ZIP64_EOCD_SIGNATURE) {
                                offset = record.getLong(48);
                            }
                        }
                    }
                }
                if (offset < 0 || offset > size) {
                    throw corrupt("its central directory lies outside the file");
                }
                return offset;
            }
        }
        throw corrupt("it has no end of central directory record (it may be truncated)");
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw corrupt("it ends early");
            }
        }
        return buffer.flip();
    }

    private static PackageException corrupt(String why) {
        return new PackageException(PackageRules.ARCHIVE_CORRUPT, "the zip archive cannot be read: " + why);
    }
}
