package dev.plughub.cli;

import dev.plughub.registry.StartupWarmUp;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The training run of the JDK's ahead-of-time cache (JDK 25+). The launcher runs it once per build,
 * with {@code -XX:AOTCacheOutput}, before the first {@code serve}: it starts {@code serve} the usual
 * way on a scratch data folder and loopback port, publishes a package and sends the requests a
 * registry answers most (details, lists, searches, downloads, with and without credentials), then
 * stops it. The cache then holds the classes, linkage and method profiles of a server at work. A
 * cache recorded from a plain start and stop (what the first {@code serve} used to record) cost every
 * later run 10–15 % more CPU per small download and per plugin detail (measured here).
 */
final class AotTraining {

    private static final String PLUGIN = "aot-training";
    /**
     * How long the clients send requests: long enough for the JIT to compile the hot paths with full
     * profiles, which is what the cache keeps (a cache from a few thousand requests helped half as much).
     */
    private static final Duration DURATION = Duration.ofSeconds(5);
    /** Clients at once, as a loaded server sees them. */
    private static final int CLIENTS = 8;

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        StartupWarmUp.begin();
        Path scratch = Files.createTempDirectory("plughub-aot-training");
        int code = 1;
        try {
            code = train(scratch, DURATION);
        } finally {
            deleteTree(scratch);
        }
        System.exit(code);
    }

    /** Runs {@code serve} on {@code scratch}, sends it requests for {@code duration}, stops it; serve's exit code. */
    static int train(Path scratch, Duration duration) throws Exception {
        int port = freePort();
        String key = "training-" + UUID.randomUUID();
        Map<String, String> variables = Map.of("PLUGHUB_API_KEY", key,
                "PLUGHUB_RATE_QUERIES_PER_MIN", "0", "PLUGHUB_RATE_DOWNLOADS_PER_MIN", "0",
                "PLUGHUB_RATE_UPLOADS_PER_HOUR", "0", "PLUGHUB_RATE_RATINGS_PER_HOUR", "0");
        ShutdownSignal.Manual stop = new ShutdownSignal.Manual();
        CliEnvironment env = new CliEnvironment(variables, scratch.resolve("config"), scratch,
                InputStream.nullInputStream(), OutputStream.nullOutputStream(), Terminal.none(), stop);
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        int[] served = {-1};
        Thread server = Thread.ofPlatform().name("aot-training-serve").start(() -> served[0] = Cli.run(
                new String[] {"serve", "--host", "127.0.0.1", "--port", Integer.toString(port), "--data-dir",
                        scratch.resolve("data").toString()}, env, quiet, quiet));
        try {
            exercise("127.0.0.1", port, key, duration, server::isAlive);
        } finally {
            if (server.isAlive()) {
                stop.trigger();
            }
            server.join();
        }
        return served[0];
    }

    private static void exercise(String host, int port, String key, Duration duration,
                                 BooleanSupplier serving) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://" + host + ":" + port;
        awaitHealth(http, base, serving);
        publish(http, base, key);
        List<String> reads = List.of("/api/v1/health", "/api/v1/plugins/" + PLUGIN, "/api/v1/plugins?limit=20",
                "/api/v1/plugins?search=training&limit=20", "/api/v1/plugins/" + PLUGIN + "/versions",
                "/api/v1/plugins/" + PLUGIN + "/stats", "/api/v1/plugins/" + PLUGIN + "/ratings",
                "/api/v1/plugins/" + PLUGIN + "/download?version=1.0.0", "/api/v1/plugins/" + PLUGIN + "/download");
        long until = System.nanoTime() + duration.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    try (KeepAliveClient client = new KeepAliveClient(host, port)) {
                        for (int round = 0; System.nanoTime() < until; round++) {
                            // every fourth round with credentials: the full route, as clients with a token take it
                            String credentials = round % 4 == 3 ? "X-API-Key: " + key + "\r\n" : "";
                            for (String path : reads) {
                                client.get(path, credentials);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
    }

    /**
     * A bare HTTP/1.1 client on one kept-alive connection, as load generators are: the JDK's client
     * costs more than the server it would exercise, and its classes have no place in the server's cache.
     */
    private static final class KeepAliveClient implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final BufferedInputStream in;
        private final String host;

        KeepAliveClient(String host, int port) throws IOException {
            this.socket = new Socket(host, port);
            this.socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            this.host = host + ":" + port;
        }

        void get(String path, String extraHeaders) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 200 ")) {   // a route that stopped answering would train nothing
                throw new IOException("GET " + path + " was answered '" + status + "'");
            }
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed mid-answer");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("the connection closed mid-body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static void awaitHealth(HttpClient http, String base, BooleanSupplier serving) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!serving.getAsBoolean()) {
                throw new IllegalStateException("the training server stopped before it answered");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the training server did not answer within a minute");
    }

    /** Publishes version 1.0.0 of a small package (a manifest and 20 KB of data) with the operator key. */
    private static void publish(HttpClient http, String base, String key) throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("plugin.json"));
            out.write(("{\"id\":\"" + PLUGIN + "\",\"name\":\"AOT training\",\"version\":\"1.0.0\","
                    + "\"description\":\"Exercises the registry while the start-up cache is recorded\","
                    + "\"tags\":[\"training\"]}").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("data.bin"));
            byte[] data = new byte[20_000];
            new Random(7).nextBytes(data);
            out.write(data);
        }
        String boundary = "----plughub-training";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\""
                + PLUGIN + ".zip\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(zip.toByteArray());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/plugins/upload"))
                .header("X-API-Key", key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("the training publish was answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
