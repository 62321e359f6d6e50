package dev.plughub.registry.faults;

import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.TestBlobStores;
import dev.plughub.registry.testing.TestDatabases;
import dev.plughub.registry.testing.TestRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry server in its own JVM ({@code RegistryServer.main}, configured through the environment as
 * an operator would), so a test can kill it with SIGKILL or stop it with SIGTERM.
 */
public final class ChildRegistry implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final String baseUrl;
    private final List<String> output;

    private ChildRegistry(Process process, String baseUrl, List<String> output) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.output = output;
    }

    public static ChildRegistry start(Path dataDir) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), "dev.plughub.registry.RegistryServer")
                .redirectErrorStream(true);
        builder.environment().put("PLUGHUB_DATA_DIR", dataDir.toString());
        builder.environment().put("PLUGHUB_PORT", "0");   // the server prints the port it got
        builder.environment().put("PLUGHUB_HOST", "127.0.0.1");
        builder.environment().put("PLUGHUB_API_KEY", TestRegistry.OPERATOR_KEY);
        builder.environment().remove("PLUGHUB_DEV");
        TestDatabases.settingsFor(dataDir).url()   // the PostgreSQL test run: the same database after a restart
                .ifPresent(url -> builder.environment().put("PLUGHUB_DATABASE_URL", url));
        builder.environment().putAll(TestBlobStores.environmentFor(dataDir));   // and an S3 bucket in that run
        for (String limit : List.of("QUERIES_PER_MIN", "UPLOADS_PER_HOUR", "DOWNLOADS_PER_MIN", "RATINGS_PER_HOUR")) {
            builder.environment().put("PLUGHUB_RATE_" + limit, "0");   // tests send many requests from one address
        }
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("child-registry-output").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
            ready.completeExceptionally(new IllegalStateException("the child registry exited before it was ready"));
        });
        try {
            return new ChildRegistry(process, ready.get(60, TimeUnit.SECONDS), output);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the child registry did not start:\n" + String.join("\n", output), e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Api api() {
        return new Api(baseUrl);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook drains requests in flight and flushes. */
    void terminate() {
        process.destroy();
    }

    /** The exit code, or empty if it is still running after {@code timeout}. */
    OptionalInt waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
