package dev.plughub.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes packages with {@code POST /api/v1/plugins/upload} (multipart field {@code plugin_file}),
 * authenticated by the operator key in {@code X-API-Key}. Safe to share between threads.
 */
final class Publisher {

    /** One answer: the status, the body (for error messages) and the time from send to last byte. */
    record Outcome(int status, String body, long nanos) {
        boolean created() {
            return status == 201;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI uploadUri;
    private final String apiKey;

    Publisher(String registry, String apiKey) {
        this.uploadUri = URI.create(registry + "/api/v1/plugins/upload");
        this.apiKey = apiKey;
    }

    /** Sends one package. The body is built before the clock starts, so only the exchange is timed. */
    Outcome publish(String fileName, byte[] zip) throws IOException, InterruptedException {
        String boundary = "plughub-bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        byte[] body = multipart(boundary, fileName, zip);
        HttpRequest request = HttpRequest.newBuilder(uploadUri)
                .timeout(Duration.ofMinutes(2))
                .header("X-API-Key", apiKey)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Outcome(response.statusCode(), response.body(), System.nanoTime() - start);
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
