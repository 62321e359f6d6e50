package dev.plughub.core.archive;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes admitted entries under a fresh folder. Names were already made safe by the gate; the
 * resolved path is checked once more to stay inside the folder (defence in depth), files are
 * created new (never overwritten, never followed through a link), and only the owner's execute
 * bit is carried over, so scripts stay runnable without ever restoring setuid or odd modes.
 */
final class DirectoryWriter implements EntryVisitor {

    /** Failures writing our own disk, kept apart from failures reading the archive. */
    static final class WriteFailure extends UncheckedIOException {
        WriteFailure(IOException cause) {
            super(cause);
        }
    }

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path root;

    DirectoryWriter(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void directory(String name) {
        if (name.isEmpty()) {
            return;
        }
        Path folder = resolve(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    @Override
    public void file(String name, int unixMode, InputStream content) throws IOException {
        Path file = resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
        OutputStream out;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
        try (OutputStream closing = new BufferedOutputStream(new WriteFailureStream(out), 64 * 1024)) {
            content.transferTo(closing);
        }
        if (POSIX && (unixMode & 0100) != 0) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }
    }

    /** Reports our own disk's errors as {@link WriteFailure}, so they are never mistaken for a corrupt archive. */
    private static final class WriteFailureStream extends FilterOutputStream {
        WriteFailureStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            try {
                out.write(buffer, offset, length);
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }
    }

    private Path resolve(String name) {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw EntryNameRule.unsafe(name, "it resolves outside the package folder");
        }
        return path;
    }
}
