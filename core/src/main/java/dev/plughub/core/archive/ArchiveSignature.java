package dev.plughub.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Tells the container format from a file's first bytes, whatever its name says. */
enum ArchiveSignature {
    /** {@code PK\3\4} (a local file header) or {@code PK\5\6} (an empty zip's end record). */
    ZIP,
    /** {@code 1f 8b}: a gzip stream, which we read as tar.gz. */
    GZIP;

    static Optional<ArchiveSignature> of(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (head.length == 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return Optional.of(ZIP);
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            return Optional.of(GZIP);
        }
        return Optional.empty();
    }

    ArchiveWalker walker() {
        return this == ZIP ? new ZipEntries() : new TarEntries();
    }

    boolean holds(PackageFormat format) {
        return this == ZIP ? format == PackageFormat.ZIP || format == PackageFormat.JAR : format == PackageFormat.TAR_GZ;
    }
}
