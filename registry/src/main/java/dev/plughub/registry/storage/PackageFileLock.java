package dev.plughub.registry.storage;

import java.io.IOException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps this process's orphan sweep from deleting a package file between a publish storing it (or
 * renewing it, when the same bytes are there already) and the publish committing the version that
 * references it. Publishes share the lock for that moment; the sweep takes it alone for each file,
 * checks again that no version references it, and only then deletes it. Nodes sharing a store are
 * kept apart by the sweep's grace period instead.
 */
public final class PackageFileLock {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** Work that stores a package file and commits the version referencing it. */
    public interface Publishing<T> {
        T run() throws IOException;
    }

    /** A removal decided under the lock. */
    public interface Removal {
        void run() throws IOException;
    }

    public <T> T whilePublishing(Publishing<T> work) throws IOException {
        lock.readLock().lock();
        try {
            return work.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    public void whileNoPublishIsStoring(Removal removal) throws IOException {
        lock.writeLock().lock();
        try {
            removal.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
