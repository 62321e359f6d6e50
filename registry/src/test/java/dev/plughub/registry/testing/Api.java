package dev.plughub.registry.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small HTTP client for tests. Every answer is checked against the OpenAPI description
 * ({@link OpenApiContract}) before the test sees it, so the whole integration suite keeps the
 * description true.
 */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public ApiResponse get(String path, String... headers) {
        return request("GET", path).headers(headers).send();
    }

    public ApiResponse delete(String path, String... headers) {
        return request("DELETE", path).headers(headers).send();
    }

    public ApiResponse postJson(String path, String json, String... headers) {
        return request("POST", path).headers(headers).json(json).send();
    }

    /** One HTTP request being built. */
    public final class Request {
        private final String method;
        private final String path;
        private final List<String> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private String contentType;
        private Duration timeout = Duration.ofSeconds(60);
        private boolean checkContract = true;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** Header name/value pairs: {@code headers("Authorization", "Bearer x", "X-Other", "y")}. */
        public Request headers(String... nameValues) {
            headers.addAll(List.of(nameValues));
            return this;
        }

        public Request bearer(String token) {
            return headers("Authorization", "Bearer " + token);
        }

        public Request json(String json) {
            this.body = json.getBytes(StandardCharsets.UTF_8);
            this.contentType = "application/json";
            return this;
        }

        public Request body(byte[] bytes, String contentType) {
            this.body = bytes;
            this.contentType = contentType;
            return this;
        }

        public Request timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** For deliberately malformed requests whose answers the description need not cover. */
        public Request withoutContractCheck() {
            this.checkContract = false;
            return this;
        }

        /** A multipart/form-data body: files (field → path) and plain fields. */
        public Request multipart(Map<String, Path> files, Map<String, String> fields) {
            String boundary = "----plughub" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                for (var f : fields.entrySet()) {
                    out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                            + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                for (var f : files.entrySet()) {
                    out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                            + "\"; filename=\"" + f.getValue().getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.write(Files.readAllBytes(f.getValue()));
                    out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                }
                out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return body(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
        }

        public Request file(String field, Path file) {
            return multipart(Map.of(field, file), Map.of());
        }

        public ApiResponse send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                b.header(headers.get(i), headers.get(i + 1));
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            b.method(method, body.length == 0 && contentType == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            try {
                HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                Map<String, List<String>> responseHeaders = new LinkedHashMap<>(r.headers().map());
                ApiResponse response = new ApiResponse(r.statusCode(), responseHeaders, r.body());
                if (checkContract) {
                    OpenApiContract.check(method, path, contentType, body, response);
                }
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
