package dev.plughub.bench.host;

import dev.plughub.host.HostConfig;
import dev.plughub.host.PluginHost;
import dev.plughub.host.install.InstallOptions;
import dev.plughub.host.install.InstallRequest;
import dev.plughub.host.lifecycle.PluginState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;

/**
 * The host runtime's figures from issue 4 ("Speed"): install and start 100 plugins (target 3 s),
 * an action call through the host's deadline and metrics machinery (p50 target 20 µs), and the
 * memory an idle plugin costs. Prints a Markdown table; run it with {@code bench/run-host.sh}.
 *
 * <p>Percentiles come from sorted samples of individually timed calls, after a warm-up that lets
 * the JIT compile the path; {@code System.nanoTime} itself costs some tens of nanoseconds, far
 * below what is measured.
 */
public final class HostBench {

    private static final int PLUGINS = Integer.getInteger("plugins", 100);
    private static final int WARMUP_CALLS = Integer.getInteger("warmup", 50_000);
    private static final int MEASURED_CALLS = Integer.getInteger("calls", 200_000);

    private HostBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("plughub-host-bench");
        try {
            run(work);
        } finally {
            delete(work);
        }
    }

    private static void run(Path work) throws Exception {
        BenchPlugins jars = new BenchPlugins();
        Path build = work.resolve("build");
        for (int i = 0; i < PLUGINS; i++) {
            jars.write(build, id(i));
        }

        // 1. install through the API, one plugin after another (copy, read, check, place, load, initialize)
        Path home = work.resolve("installed");
        long installStart = System.nanoTime();
        double installSeconds;
        try (PluginHost host = PluginHost.start(HostConfig.defaults(home))) {
            for (int i = 0; i < PLUGINS; i++) {
                host.install(InstallRequest.file(build.resolve(id(i) + ".jar")), InstallOptions.defaults());
            }
            installSeconds = (System.nanoTime() - installStart) / 1e9;
            requireAllActive(host);
        }

        // 2. a host start that finds the same plugins installed (read, resolve, load, start in order)
        MemoryFigures empty = measureMemory();
        long startStart = System.nanoTime();
        double startSeconds;
        double[] percentiles;
        long heapPerPlugin;
        long metaspacePerPlugin;
        try (PluginHost host = PluginHost.start(HostConfig.defaults(home))) {
            startSeconds = (System.nanoTime() - startStart) / 1e9;
            requireAllActive(host);
            MemoryFigures loaded = measureMemory();
            heapPerPlugin = (loaded.heap() - empty.heap()) / PLUGINS;
            metaspacePerPlugin = (loaded.metaspace() - empty.metaspace()) / PLUGINS;
            percentiles = actionCall(host);
        }

        double[] strategies = DeadlineStrategies.p50s(WARMUP_CALLS, MEASURED_CALLS);

        System.out.println("| Host runtime (" + PLUGINS + " plugins) | Measured | Target |");
        System.out.println("|---|---|---|");
        System.out.printf("| install + start %d plugins through `install` | %.2f s | ≤ 3 s |%n", PLUGINS, installSeconds);
        System.out.printf("| host start with %d plugins installed (load + start in order) | %.2f s | ≤ 3 s |%n", PLUGINS, startSeconds);
        System.out.printf("| action call through deadline + metrics, p50 | %.1f µs | ≤ 20 µs |%n", percentiles[0]);
        System.out.printf("| action call, p90 / p99 | %.1f / %.1f µs | – |%n", percentiles[1], percentiles[2]);
        System.out.printf("| deadline strategies, p50: direct call / pooled platform thread (the host's) / virtual thread "
                + "/ caller thread + watchdog | %.2f / %.1f / %.1f / %.1f µs | – |%n",
                strategies[0], strategies[1], strategies[2], strategies[3]);
        System.out.printf("| memory per idle plugin: heap / metaspace | %d KiB / %d KiB | – |%n",
                heapPerPlugin / 1024, metaspacePerPlugin / 1024);
    }

    private static double[] actionCall(PluginHost host) {
        Map<String, Object> input = Map.of("n", 1);
        for (int i = 0; i < WARMUP_CALLS; i++) {
            host.callAction(id(i % PLUGINS), "echo", input);
        }
        long[] samples = new long[MEASURED_CALLS];
        for (int i = 0; i < MEASURED_CALLS; i++) {
            long start = System.nanoTime();
            host.callAction(id(i % PLUGINS), "echo", input);
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return new double[] {
                samples[MEASURED_CALLS / 2] / 1e3,
                samples[(int) (MEASURED_CALLS * 0.90)] / 1e3,
                samples[(int) (MEASURED_CALLS * 0.99)] / 1e3};
    }

    private record MemoryFigures(long heap, long metaspace) {
    }

    private static MemoryFigures measureMemory() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().equals("Metaspace"))
                .mapToLong(pool -> pool.getUsage().getUsed())
                .sum();
        return new MemoryFigures(heap, metaspace);
    }

    private static void requireAllActive(PluginHost host) {
        long active = host.list().stream().filter(view -> view.state() == PluginState.ACTIVE).count();
        if (active != PLUGINS) {
            throw new IllegalStateException("only " + active + " of " + PLUGINS + " plugins are active: " + host.list());
        }
    }

    private static String id(int i) {
        return "bench-%03d".formatted(i);
    }

    private static void delete(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
