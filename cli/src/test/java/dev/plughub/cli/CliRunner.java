package dev.plughub.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the CLI in-process with its own environment, config folder and stdin, and captures what it prints. */
final class CliRunner {

    /** What one run left behind: {@code out} is what was printed, {@code stdoutBytes} what was written raw ({@code -o -}). */
    record Result(int exitCode, String out, String err, byte[] stdoutBytes) {
    }

    private final Map<String, String> variables = new HashMap<>();
    private final Path configHome;
    private final Path workingDir;
    private String stdin = "";
    private ShutdownSignal shutdown = ShutdownSignal.jvm();

    CliRunner(Path configHome, Path workingDir) {
        this.configHome = configHome;
        this.workingDir = workingDir;
    }

    CliRunner env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    CliRunner shutdown(ShutdownSignal signal) {
        this.shutdown = signal;
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code = Cli.run(args, environment(stdout), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString(), stdout.toByteArray());
    }

    /** Runs the CLI on another thread (for {@code serve}); its output can be read while it runs. */
    Running start(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = environment(OutputStream.nullOutputStream());
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> Cli.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true)),
                runnable -> new Thread(runnable, "cli-under-test").start());
        return new Running(exit, out, err);
    }

    /** A CLI run in progress; StringWriter is synchronized, so reading it while the CLI writes is safe. */
    record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {

        private static final Pattern LISTENING =
                Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");

        /** The port a {@code serve --host 127.0.0.1} prints once it listens; fails if it ends or stays silent for 60 s. */
        int awaitPort() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                Matcher m = LISTENING.matcher(out.toString());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
                if (exit.isDone()) {
                    throw new AssertionError("serve ended early: " + err);
                }
                Thread.sleep(20);
            }
            throw new AssertionError("serve printed no address; stderr: " + err);
        }
    }

    private CliEnvironment environment(OutputStream stdout) {
        return new CliEnvironment(Map.copyOf(variables), configHome, workingDir,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdout, Terminal.none(), shutdown);
    }
}
