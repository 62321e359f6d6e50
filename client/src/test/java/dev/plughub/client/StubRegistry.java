package dev.plughub.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server on 127.0.0.1 that answers what a test tells it to, standing in for a registry that
 * misbehaves; closing it also releases handlers that wait ({@link #stall}).
 */
final class StubRegistry implements AutoCloseable {

    static final byte[] PACKAGE = "PK\u0003\u0004 stands in for a package".getBytes(StandardCharsets.ISO_8859_1);

    private final HttpServer server;
    private final CountDownLatch closed = new CountDownLatch(1);

    private StubRegistry(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", handler);
        server.start();
    }

    static StubRegistry answering(HttpHandler handler) throws IOException {
        return new StubRegistry(handler);
    }

    /** Answers every request with {@link #PACKAGE}, named {@code fileName}, of {@code contentType}, its SHA-256 announced. */
    static StubRegistry serving(String fileName, String contentType) throws IOException {
        return answering(exchange -> {
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders().add("X-Checksum-SHA256", sha256(PACKAGE));
            send(exchange, 200, PACKAGE);
        });
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits, in a handler, until the stub is closed. */
    void stall() {
        try {
            closed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
