package dev.plughub.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeds a running registry over HTTP: N plugins × V versions of small, realistic packages
 * ({@code bench-plugin-00001}…), plus the download fixtures the load test uses —
 * {@code bench-download-20k} and {@code bench-download-10m}, each version 1.0.0, whose package files
 * are exactly 20 KiB and 10 MiB of mostly incompressible bytes.
 *
 * <pre>java -cp bench/target/plughub-bench.jar dev.plughub.bench.Seeder \
 *     --registry http://127.0.0.1:8080 --api-key KEY [--plugins 10000] [--versions 3] [--concurrency 6]</pre>
 *
 * A version the registry already has (409) counts as present, so seeding the same server twice is harmless.
 * Exits 1 when uploads fail.
 */
public final class Seeder {

    static final int FIXTURE_20K_BYTES = 20 * 1024;
    static final int FIXTURE_10M_BYTES = 10 * 1024 * 1024;
    private static final int MAX_FAILURES = 25;

    private final Publisher publisher;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger existing = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong uploadNanos = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    private Seeder(Publisher publisher) {
        this.publisher = publisher;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int plugins = options.number("plugins", "PLUGINS", 10_000);
        int versions = options.number("versions", "VERSIONS", 3);
        int concurrency = Math.clamp(options.number("concurrency", "SEED_CONCURRENCY", 6), 1, 64);
        Seeder seeder = new Seeder(new Publisher(options.registry(), options.apiKey()));

        seeder.seedFixtures();
        seeder.seedCatalogue(plugins, versions, concurrency);
        System.exit(seeder.failed.get() == 0 ? 0 : 1);
    }

    private record Fixture(String id, int bytes) {
    }

    private void seedFixtures() throws Exception {
        Random random = new Random(20_240_110);
        for (Fixture fixture : List.of(new Fixture("bench-download-20k", FIXTURE_20K_BYTES),
                new Fixture("bench-download-10m", FIXTURE_10M_BYTES))) {
            byte[] zip = fixedSizePackage(fixture.id(), "1.0.0", fixture.bytes(), random);
            record(fixture.id() + "@1.0.0", publisher.publish(fixture.id() + "-1.0.0.zip", zip));
            System.out.printf("fixture %s@1.0.0: %,d bytes%n", fixture.id(), zip.length);
        }
        stopIfFailing();
        created.set(0);
        existing.set(0);
        uploadNanos.set(0);
    }

    /** A package of exactly {@code targetBytes}: the payload is resized once the overhead is known. */
    static byte[] fixedSizePackage(String id, String version, int targetBytes, Random random) {
        String manifest = Catalogue.manifest(id, "Bench download fixture " + id, version,
                "A download fixture for the Plughub benchmark: " + targetBytes + " bytes of random data.",
                List.of("utility"), "tools", "MIT");
        byte[] payload = new byte[targetBytes];
        random.nextBytes(payload);
        byte[] zip = Packages.withPayload(manifest, id, payload);
        int overhead = zip.length - payload.length;
        return Packages.withPayload(manifest, id, Arrays.copyOf(payload, targetBytes - overhead));
    }

    private void seedCatalogue(int plugins, int versions, int concurrency) throws InterruptedException {
        int total = plugins * versions;
        System.out.printf("seeding %,d plugins × %d versions = %,d uploads with %d concurrent uploads%n",
                plugins, versions, total, concurrency);
        AtomicInteger next = new AtomicInteger(1);
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(Thread.ofVirtual().name("seeder-" + w).start(() -> {
                for (int n = next.getAndIncrement(); n <= plugins && failed.get() < MAX_FAILURES; n = next.getAndIncrement()) {
                    publishPlugin(n, versions);
                }
            }));
        }
        Thread progress = Thread.ofPlatform().daemon().name("seeder-progress").start(() -> {
            try {
                while (true) {
                    Thread.sleep(2_000);
                    int done = created.get() + existing.get();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("  %,d / %,d uploads (%.0f/s)%n", done, total, done / seconds);
                }
            } catch (InterruptedException e) {
                // seeding finished
            }
        });
        for (Thread worker : workers) {
            worker.join();
        }
        progress.interrupt();
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = created.get() + existing.get();
        double meanMs = done == 0 ? 0 : uploadNanos.get() / 1e6 / done;
        System.out.printf("seeded %,d uploads (%,d new, %,d already there, %,d failed) in %.1f s: %.0f uploads/s, %.1f ms mean per upload%n",
                done, created.get(), existing.get(), failed.get(), seconds, done / seconds, meanMs);
        System.out.printf("SEED uploads=%d failed=%d seconds=%.3f rate=%.1f%n", done, failed.get(), seconds, done / seconds);
        stopIfFailing();
    }

    private void publishPlugin(int n, int versions) {
        String id = Catalogue.pluginId(n);
        for (int v = 0; v < versions; v++) {
            String version = "1." + v + ".0";
            String manifest = Catalogue.manifest(n, version);
            try {
                record(id + "@" + version, publisher.publish(id + "-" + version + ".zip", Packages.small(manifest, id)));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                failed.incrementAndGet();
                failures.add(id + "@" + version + ": " + e);
            }
        }
    }

    private void record(String what, Publisher.Outcome outcome) {
        uploadNanos.addAndGet(outcome.nanos());
        if (outcome.created()) {
            created.incrementAndGet();
        } else if (outcome.status() == 409) {
            existing.incrementAndGet();
        } else {
            failed.incrementAndGet();
            failures.add(what + ": HTTP " + outcome.status() + " " + abbreviate(outcome.body()));
        }
    }

    private void stopIfFailing() {
        if (failed.get() > 0) {
            System.err.printf("%d uploads failed; the first ones:%n", failed.get());
            failures.stream().limit(5).forEach(f -> System.err.println("  " + f));
            System.exit(1);
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
