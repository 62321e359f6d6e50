package dev.plughub.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * Publishes fresh versions one after another and prints the latency of each size class:
 * {@code --small 200} packages of 20 KiB and {@code --large 30} of 10 MiB (after {@code --warmup 5}
 * unmeasured ones of each). Versions are {@code 1.<run>.<i>} of {@code bench-latency-20k} and
 * {@code bench-latency-10m}, so a run never collides with an earlier one on the same server.
 *
 * <p>Prints one line per size for bench/run.sh:
 * {@code PUBLISH size=20k n=200 p50_ms=… p99_ms=… mean_ms=… max_ms=…}. Exits 1 when a publish fails.
 */
public final class PublishLatency {

    private PublishLatency() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Publisher publisher = new Publisher(options.registry(), options.apiKey());
        int warmup = options.number("warmup", "PUBLISH_WARMUP", 5);
        long run = System.currentTimeMillis() / 1000 % 100_000_000;
        boolean ok = measure(publisher, "20k", "bench-latency-20k", Seeder.FIXTURE_20K_BYTES,
                options.number("small", "PUBLISH_SMALL", 200), warmup, run);
        ok &= measure(publisher, "10m", "bench-latency-10m", Seeder.FIXTURE_10M_BYTES,
                options.number("large", "PUBLISH_LARGE", 30), warmup, run);
        System.exit(ok ? 0 : 1);
    }

    private static boolean measure(Publisher publisher, String label, String id, int bytes, int count, int warmup,
            long run) throws Exception {
        Random random = new Random(run);
        long[] nanos = new long[count];
        for (int i = -warmup; i < count; i++) {
            String version = "1." + run + "." + (i + warmup);
            byte[] zip = Seeder.fixedSizePackage(id, version, bytes, random);
            Publisher.Outcome outcome = publisher.publish(id + "-" + version + ".zip", zip);
            if (!outcome.created()) {
                System.err.printf("publish of %s@%s answered HTTP %d: %s%n", id, version, outcome.status(), outcome.body());
                return false;
            }
            if (i >= 0) {
                nanos[i] = outcome.nanos();
            }
        }
        if (count == 0) {
            return true;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf("PUBLISH size=%s n=%d p50_ms=%.2f p99_ms=%.2f mean_ms=%.2f max_ms=%.2f%n", label, count,
                percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6, mean, nanos[count - 1] / 1e6);
        return true;
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
