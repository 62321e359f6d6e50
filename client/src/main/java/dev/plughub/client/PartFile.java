package dev.plughub.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The temporary file a download is written to until it has been checked. Closing it removes it unless
 * it was moved into place; so does the JVM's shutdown (Ctrl-C, SIGTERM), which runs no {@code finally}
 * of the thread still downloading, so that an interrupted download leaves nothing behind either.
 */
final class PartFile implements AutoCloseable {

    private final Path path;
    private final Thread cleanup;
    private boolean moved;

    private PartFile(Path path) {
        this.path = path;
        this.cleanup = new Thread(this::delete, "plughub-download-cleanup");
    }

    /**
     * {@code .NAME.<random>.part} in {@code folder}, created empty. Not {@code createTempFile}: its
     * mode 600 would stay on the package moved into place; this one gets the umask's, as any new file.
     */
    static PartFile in(Path folder, String name) throws IOException {
        return create(new PartFile(folder.resolve("." + name + "." + UUID.randomUUID() + ".part")));
    }

    /** A part file in the system's temporary folder, for bytes that are copied elsewhere once checked. */
    static PartFile temporary() throws IOException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"));
        return create(new PartFile(folder.resolve("plughub-" + UUID.randomUUID() + ".part")));
    }

    private static PartFile create(PartFile part) throws IOException {
        try {
            Runtime.getRuntime().addShutdownHook(part.cleanup);
        } catch (IllegalStateException shuttingDown) {
            throw new IOException("the JVM is shutting down");
        }
        try {
            Files.newOutputStream(part.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            part.close();
            throw e;
        }
        return part;
    }

    Path path() {
        return path;
    }

    OutputStream open() throws IOException {
        return Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Renames the checked file to {@code destination}, replacing what is there, in one step. */
    void moveTo(Path destination) throws IOException {
        Files.move(path, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        moved = true;
    }

    @Override
    public void close() {
        if (!moved) {
            delete();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
    }

    private void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the error being reported matters more than a leftover .part file
        }
    }
}
