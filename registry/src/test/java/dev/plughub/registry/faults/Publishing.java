package dev.plughub.registry.faults;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.plughub.core.archive.ArchiveLimits;
import dev.plughub.core.archive.PackageReader;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.Publisher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Publishing through the API, for the fault tests. */
final class Publishing {

    private Publishing() {
    }

    /**
     * Skips the calling test while publishing has not landed (core's reader or the publish route still
     * missing); once both exist the test runs for real.
     */
    static void assumeAvailable(Api api, Path scratch) {
        boolean readerMissing = false;
        try {
            new PackageReader(ArchiveLimits.forPackageSize(1_000_000))
                    .read(TestPackages.zip(scratch, "probe", "1.0.0"), Optional.of("probe.zip"));
        } catch (UnsupportedOperationException e) {
            readerMissing = true;
        } catch (RuntimeException e) {
            // any other answer means the reader exists
        }
        assumeFalse(readerMissing, "core's PackageReader is not written yet");
        ApiResponse probe = api.request("POST", "/api/v1/plugins/upload").withoutContractCheck().send();
        assumeFalse(probe.status() == 404 && probe.text().contains("\"NOT_FOUND\""),
                "the publish route has not landed yet");
    }

    static ApiResponse publish(Api api, Path pkg) {
        return Publisher.upload(api, pkg, Accounts.OPERATOR);
    }

    /** A zip package with {@code payloadBytes} of incompressible payload, unique per {@code seed}. */
    static Path randomPackage(Path dir, String id, String version, int payloadBytes, long seed) {
        byte[] payload = new byte[payloadBytes];
        new Random(seed).nextBytes(payload);
        return TestPackages.plugin(id, version).entry("payload.bin", payload).zip(dir);
    }

    /** Runs every task at once on virtual threads released by one latch; returns results in task order. */
    static <T> List<T> allAtOnce(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    /** The bare hex of a {@code sha256:<hex>} file_hash. */
    static String hex(String fileHash) {
        return fileHash.startsWith("sha256:") ? fileHash.substring("sha256:".length()) : fileHash;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
