package dev.plughub.registry.testing;

import dev.plughub.registry.storage.BlobStore;
import dev.plughub.registry.storage.BlobStores;
import dev.plughub.registry.storage.S3Server;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The package store behind each test registry: files in its data folder by default; in the
 * PostgreSQL test run ({@link TestDatabases#postgres()}) a bucket of its own per data folder in one
 * S3Proxy per JVM, so that run exercises the cluster set-up (PostgreSQL + S3) end to end.
 */
public final class TestBlobStores {

    private static final Map<Path, String> BUCKETS = new ConcurrentHashMap<>();

    private TestBlobStores() {
    }

    /** The blob-store setting of the registry on {@code dataDir}; empty means files under it. */
    public static Optional<BlobStores.Location> locationFor(Path dataDir) {
        return TestDatabases.postgres() ? Optional.of(S3.INSTANCE.server.location(bucketFor(dataDir))) : Optional.empty();
    }

    /** The same setting as environment variables, for a registry in a child JVM. */
    public static Map<String, String> environmentFor(Path dataDir) {
        if (!TestDatabases.postgres()) {
            return Map.of();
        }
        return Map.of("PLUGHUB_BLOB_STORE", S3.INSTANCE.server.spec(bucketFor(dataDir)),
                "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
    }

    /** Opens the store of the registry on {@code dataDir} directly, for tests that look underneath. */
    public static BlobStore open(Path dataDir) {
        return BlobStores.open(locationFor(dataDir), dataDir.resolve("packages"));
    }

    /** Whether the registry on {@code dataDir} holds a package file with this SHA-256. */
    public static boolean contains(Path dataDir, String sha256) {
        try (BlobStore store = open(dataDir)) {
            return store.exists(sha256);
        }
    }

    private static String bucketFor(Path dataDir) {
        return BUCKETS.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> S3.INSTANCE.server.newBucket());
    }

    /** Started on first use (holder idiom), stopped when the JVM exits. */
    private static final class S3 {
        static final S3 INSTANCE = new S3();

        final S3Server server = S3Server.start();

        private S3() {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }, "s3-fixture-stop"));
        }
    }
}
