package dev.plughub.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes packages with {@code POST /api/v1/plugins/upload} (multipart field {@code plugin_file}),
 * authenticated by the operator key in {@code X-API-Key}, over a {@link PlainHttp} connection per
 * thread. Safe to share between threads.
 */
final class Publisher {

    /** One answer: the status, the body (for error messages) and the time from send to last byte. */
    record Outcome(int status, String body, long nanos) {
        boolean created() {
            return status == 201;
        }
    }

    private static final String UPLOAD = "/api/v1/plugins/upload";

    /** A connection per thread that publishes (the seeder publishes from several at once). */
    private final ThreadLocal<PlainHttp> connections;
    private final String apiKey;

    Publisher(String registry, String apiKey) {
        URI base = URI.create(registry);
        this.connections = ThreadLocal.withInitial(() -> new PlainHttp(base));
        this.apiKey = apiKey;
    }

    /** Sends one package. The body is built before the clock starts, so only the exchange is timed. */
    Outcome publish(String fileName, byte[] zip) throws IOException {
        String boundary = "plughub-bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        byte[] body = multipart(boundary, fileName, zip);
        long start = System.nanoTime();
        PlainHttp.Answer answer = connections.get().post(UPLOAD, body, "X-API-Key: " + apiKey,
                "Content-Type: multipart/form-data; boundary=" + boundary);
        return new Outcome(answer.status(), answer.body(), System.nanoTime() - start);
    }

    private static byte[] multipart(String boundary, String fileName, byte[] zip) {
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"plugin_file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/zip\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length + 512);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(zip);
        out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
