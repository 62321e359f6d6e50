package dev.plughub.client;

import java.nio.file.Path;

/**
 * A file on this machine could not be read or written: the package to publish (missing, unreadable),
 * or where a download goes (a folder that cannot be written, a full disk). The registry was not at
 * fault, and a download that failed so left nothing behind.
 */
public final class LocalFileException extends PlughubClientException {

    /** Whether the file was being read (a package to publish) or written (a download). */
    public enum Access { READ, WRITE }

    private final Path path;
    private final Access access;

    public LocalFileException(String message, Path path, Access access, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.access = access;
    }

    public Path path() {
        return path;
    }

    public Access access() {
        return access;
    }
}
