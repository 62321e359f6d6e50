package dev.plughub.registry.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per data folder. A second server on the same folder would empty the first one's
 * upload folder at its start (failing the uploads in flight) and keep caches the first one's writes
 * never drop. The lock is the operating system's, on {@code plughub.lock}: it goes with the process,
 * so a server killed with SIGKILL leaves nothing to clean up.
 */
public final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "plughub.lock";

    /** Another server holds the data folder. */
    public static final class InUse extends IllegalStateException {
        InUse(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder's lock, or throws {@link InUse} naming the folder and what to do. */
    public static DataDirectoryLock acquire(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;   // held by this very process (a second server started in the same JVM)
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new InUse("Another Plughub server is using the data folder " + dataDir + " (it holds " + file
                    + "); stop it first, or give this one its own folder with --data-dir or PLUGHUB_DATA_DIR");
        }
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
