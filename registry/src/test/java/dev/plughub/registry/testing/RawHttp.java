package dev.plughub.registry.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request target as written — with escapes no {@link java.net.URI} accepts, such as
 * {@code ?version=1.1.0%} — over a plain socket, and checks the answer against the OpenAPI
 * description like {@link Api} does.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public static ApiResponse send(TestRegistry registry, String method, String target, String... headers) {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        ApiResponse response = exchange(registry.server().port(), request.toString(), method.equals("HEAD"));
        OpenApiContract.check(method, target, null, new byte[0], response);
        return response;
    }

    /** Sends {@code request} — request line, headers and body, as written — and reads the answer to the end. */
    public static ApiResponse exchange(TestRegistry registry, byte[] request) {
        return exchange(registry.server().port(), request, false);
    }

    private static ApiResponse exchange(int port, String request, boolean head) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), head);
    }

    private static ApiResponse exchange(int port, byte[] request, boolean head) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String[] lines = new String(answer, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            byte[] body = head ? new byte[0] : Arrays.copyOfRange(answer, end + 4, answer.length);
            if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
                body = unchunked(body);
            }
            return new ApiResponse(status, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unchunked(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    return body.toByteArray();
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            in.skipNBytes(2);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no end of headers in the answer");
    }
}
