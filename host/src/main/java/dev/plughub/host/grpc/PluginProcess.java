package dev.plughub.host.grpc;

import dev.plughub.plugin.grpc.Handshake;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One running plugin process: its first stdout line is the {@link Handshake}; every later stdout
 * line is logged at INFO, every stderr line at WARN (and the last ones kept for error messages).
 * Its stdin stays open and empty while it runs: closing it is how the host asks it to exit.
 */
final class PluginProcess {

    /** Where the plugin's output lines go. */
    interface Output {
        void stdout(String line);

        void stderr(String line);
    }

    private final Process process;
    private final String pluginId;
    private final OutputTail stderrTail = new OutputTail();
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();
    private final CompletableFuture<Void> stderrEnded = new CompletableFuture<>();

    private PluginProcess(Process process, String pluginId, Output output) {
        this.process = process;
        this.pluginId = pluginId;
        pump(process.getInputStream(), "stdout", line -> {
            if (!firstLine.complete(line)) {
                output.stdout(line);
            }
        }, () -> firstLine.complete(null));
        pump(process.getErrorStream(), "stderr", line -> {
            stderrTail.add(line);
            output.stderr(line);
        }, () -> stderrEnded.complete(null));
    }

    /**
     * @throws IOException when the program cannot be started at all (missing, not executable)
     */
    static PluginProcess start(String pluginId, List<String> command, Path workingDirectory, Map<String, String> environment,
                               Output output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new PluginProcess(builder.start(), pluginId, output);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Why the process ended, with its exit code and last stderr lines, for an operator. */
    String exitDescription() {
        String code = process.isAlive() ? "is still running" : "exited with code " + process.exitValue();
        return code + stderrTail.quoted();
    }

    /**
     * Waits for the handshake line.
     *
     * @throws PluginStartFailed when the process exits first, prints something else, or stays silent past {@code within}
     */
    Handshake awaitHandshake(Duration within) throws InterruptedException {
        String line;
        try {
            line = CompletableFuture.anyOf(firstLine, process.onExit().thenApply(p -> null))
                    .get(within.toNanos(), TimeUnit.NANOSECONDS) instanceof String text ? text : null;
        } catch (TimeoutException e) {
            throw new PluginStartFailed("the plugin process did not print its handshake line within " + within.toMillis() + " ms"
                    + stderrTail.quoted());
        } catch (ExecutionException e) {
            throw new PluginStartFailed("the plugin process's output could not be read: " + e.getCause());
        }
        if (line == null) {
            line = settle(firstLine);
        }
        if (line == null) {
            settle(stderrEnded);
            settle(process.onExit()); // stdout's end can be seen a moment before the exit itself
            throw new PluginStartFailed("the plugin process exited before its handshake: it " + exitDescription());
        }
        try {
            return Handshake.parse(line);
        } catch (IllegalArgumentException e) {
            throw new PluginStartFailed("the plugin process printed no valid handshake: " + e.getMessage());
        }
    }

    /**
     * Asks the process to exit by closing its stdin, gives it {@code grace}, then ends it and every
     * process it started: SIGTERM, a short wait, SIGKILL. The descendants are listed first, since a
     * child whose parent died is no longer a descendant of anyone we know.
     */
    void stop(Duration grace) {
        List<ProcessHandle> family = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The pipe is already closed: the process is gone or closing; the waits below settle it.
        }
        boolean interrupted = false;
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                family = union(family, process.descendants().toList());
                family.forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(Math.max(100, grace.toMillis() / 2), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            family.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<ProcessHandle> union(List<ProcessHandle> a, List<ProcessHandle> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
    }

    /**
     * The pumps may still be reading a dead process's last lines when its exit is seen; those lines
     * (the handshake, the error that explains the exit) are worth a short wait.
     */
    private static <T> T settle(CompletableFuture<T> pumped) throws InterruptedException {
        try {
            return pumped.get(500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        }
    }

    private void pump(InputStream stream, String name, Consumer<String> lines, Runnable atEnd) {
        Thread.ofVirtual().name("plugin-" + pluginId + "-" + name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // The process ended and its pipe went with it; nothing more to read.
            } finally {
                atEnd.run();
            }
        });
    }
}
