package dev.plughub.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Requests the HTTP server refuses before any route runs still get the API's error envelope, not an
 * HTML page. Sent over a raw socket: no HTTP client would send them.
 */
class ServerErrorsTest extends RunningRegistry {

    private record Raw(int status, String headers, JsonNode body) {
    }

    @Test
    void a_malformed_escape_or_request_line_is_a_json_400() throws IOException {
        for (String request : new String[] {
                "GET /api/v1/plugins/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/v1/plugins/a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GARBAGE\r\n\r\n"}) {
            Raw answer = send(request);
            assertThat(answer.status()).as(request).isEqualTo(400);
            assertThat(answer.headers()).as(request).contains("content-type: application/json");
            assertThat(answer.body().path("success").asBoolean(true)).isFalse();
            assertThat(answer.body().path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(answer.body().path("error").asText()).contains("malformed");
        }
    }

    @Test
    void a_refused_path_says_what_is_wrong_with_it() throws IOException {
        Raw badEscape = send("GET /api/v1/plugins/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Raw nul = send("GET /api/v1/plugins/a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Raw garbage = send("GARBAGE\r\n\r\n");

        assertThat(badEscape.body().path("error").asText()).contains("'%' must be followed by two hex digits");
        assertThat(nul.body().path("error").asText()).contains("NUL character").doesNotContain("hex digits");
        assertThat(garbage.body().path("error").asText()).startsWith("The request is malformed: it is not valid HTTP").doesNotContain("hex digits");
    }

    @Test
    void a_refused_path_says_the_connection_closes_so_keep_alive_clients_do_not_reuse_it() throws IOException {
        // No "Connection: close" in the request: the server closes anyway, and must say so.
        Raw answer = send("GET /api/v1/plugins/a%00b HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers()).contains("connection: close");
    }

    @Test
    void a_uri_or_headers_too_long_are_json_414_and_431() throws IOException {
        Raw longUri = send("GET /api/v1/plugins/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(longUri.status()).isEqualTo(414);
        assertThat(longUri.body().path("code").asText()).isEqualTo("URI_TOO_LONG");

        Raw bigHeader = send("GET /api/v1/plugins HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(bigHeader.status()).isEqualTo(431);
        assertThat(bigHeader.headers()).contains("content-type: application/json");
        assertThat(bigHeader.body().path("code").asText()).isEqualTo("HEADERS_TOO_LARGE");

        assertThat(api.get("/api/v1/health").status()).as("the server answers on").isEqualTo(200);
    }

    @Test
    void an_unsupported_http_version_or_a_length_that_is_no_number_says_so() throws IOException {
        Raw version = send("GET /api/v1/health HTTP/1.2\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(version.status()).isEqualTo(505);
        assertThat(version.body().path("code").asText()).isEqualTo("HTTP_VERSION_NOT_SUPPORTED");
        assertThat(version.body().path("error").asText()).contains("HTTP/1.1").doesNotContain("failed", "log");

        Raw length = send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n");
        assertThat(length.status()).isEqualTo(400);
        assertThat(length.body().path("error").asText()).contains("Content-Length").doesNotContain("path");
    }

    @Test
    void options_on_the_whole_server_gets_the_envelope_too() throws IOException {
        Raw star = send("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(star.status()).isEqualTo(404);
        assertThat(star.headers()).contains("content-type: application/json");
        assertThat(star.body().path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void a_body_that_ends_before_its_declared_length_is_a_400_and_stores_nothing() throws IOException {
        String json = "POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 500\r\n\r\n{\"username\":\"cut-short\",\"pass";
        String upload = "POST /api/v1/plugins/upload HTTP/1.1\r\nHost: x\r\nX-API-Key: " + TestRegistry.OPERATOR_KEY
                + "\r\nContent-Type: multipart/form-data; boundary=XX\r\nContent-Length: 100000\r\n\r\n"
                + "--XX\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"cut-short.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\nPK\u0003\u0004" + "a".repeat(5000);
        String chunked = "POST /api/v1/plugins/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n100\r\n{\"query\":";
        for (String request : new String[] {json, upload, chunked}) {
            Raw answer = sendThenStopSending(request);
            String line = request.substring(0, request.indexOf("\r\n"));
            assertThat(answer.status()).as(line).isEqualTo(400);
            assertThat(answer.body().path("code").asText()).as(line).isEqualTo("BAD_REQUEST");
            assertThat(answer.body().path("error").asText()).as(line).isNotBlank().doesNotContain("Internal");
        }
        assertThat(api.postJson("/api/v1/auth/login", "{\"username\":\"cut-short\",\"password\":\"whatever-it-was\"}").status())
                .as("no account was made").isEqualTo(401);
        assertThat(api.get("/api/v1/plugins?search=cut-short").json().path("total").asInt()).isZero();
    }

    private static Raw send(String request) throws IOException {
        return send(request, false);
    }

    /** Sends {@code request}, then closes the sending half of the connection, as a client that gave up would. */
    private static Raw sendThenStopSending(String request) throws IOException {
        return send(request, true);
    }

    private static Raw send(String request, boolean stopSending) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", registry.server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (stopSending) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, end);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            return new Raw(status, head.toLowerCase(Locale.ROOT), new ObjectMapper().readTree(answer.substring(end + 4)));
        }
    }
}
