package dev.plughub.registry.catalog;

import static dev.plughub.registry.catalog.Publishing.OPERATOR;
import static dev.plughub.registry.catalog.Publishing.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import dev.plughub.registry.testing.OpenApiContract;
import dev.plughub.registry.testing.RawHttp;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package size limit (64 KB here): refused with 413, before the body is read when its length is declared. */
class SizeLimitTest {

    static final long LIMIT = 64 * 1024;

    @TempDir
    static Path data;
    @TempDir
    static Path files;
    static TestRegistry registry;
    static Api api;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start(data, c -> c.withMaxPackageBytes(LIMIT));
        api = registry.api();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void a_package_under_the_limit_is_published() {
        assertThat(upload(api, TestPackages.zip(files, "small", "1.0.0"), OPERATOR).status()).isEqualTo(201);
    }

    @Test
    void a_declared_length_over_the_limit_is_answered_413_before_the_body_is_sent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", registry.server().port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/plugins/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + TestRegistry.OPERATOR_KEY
                    + "\r\nContent-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 104857600\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Not one byte of the 100 MB body is sent: an answer now proves it was decided on the header alone.
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
            StringBuilder headers = new StringBuilder();
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                headers.append(line).append('\n');
            }
            assertThat(headers.toString().toLowerCase(Locale.ROOT)).contains("content-type: application/json");
        }
    }

    @Test
    void a_json_body_declared_over_its_limit_is_answered_413_before_it_is_sent() throws Exception {
        for (String route : List.of("/api/v1/auth/register", "/api/v1/plugins/search", "/api/v1/updates")) {
            try (Socket socket = new Socket("127.0.0.1", registry.server().port())) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + route + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 5000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // One byte of the 5 MB: an answer now proves it was decided on the header alone.
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).as(route).startsWith("HTTP/1.1 413");
                StringBuilder answer = new StringBuilder();
                for (String line; (line = in.readLine()) != null && !line.startsWith("{"); ) {
                    answer.append(line).append('\n');
                }
                assertThat(answer.toString().toLowerCase(Locale.ROOT)).contains("content-type: application/json");
            }
        }
    }

    @Test
    void an_oversized_package_is_a_413_and_is_not_stored() {
        byte[] noise = new byte[(int) LIMIT * 4];
        new Random(7).nextBytes(noise);
        Path big = TestPackages.plugin("too-big", "1.0.0").entry("noise.bin", noise).zip(files);

        ApiResponse r = api.request("POST", "/api/v1/plugins/upload").headers(OPERATOR).file("plugin_file", big)
                .withoutContractCheck().send();

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asText()).isEqualTo("PACKAGE_TOO_LARGE");
        assertThat(r.json().get("error").asText()).as("the declared length is the whole multipart body, not the package")
                .startsWith("The request body is ").contains("packages may be at most " + LIMIT + " bytes");
        assertThat(r.json().at("/details/max_bytes").asLong()).isEqualTo(LIMIT);
        assertThat(api.get("/api/v1/plugins/too-big").status()).isEqualTo(404);
    }

    @Test
    void a_chunked_upload_over_the_limit_is_a_413_with_the_limit_too() throws Exception {
        byte[] noise = new byte[(int) LIMIT * 2];
        new Random(9).nextBytes(noise);
        byte[] pkg = java.nio.file.Files.readAllBytes(TestPackages.plugin("chunked-big", "1.0.0").entry("noise.bin", noise).zip(files));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--xyz\r\nContent-Disposition: form-data; name=\"plugin_file\"; filename=\"big.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(pkg);
        body.writeBytes("\r\n--xyz--\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /api/v1/plugins/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + TestRegistry.OPERATOR_KEY
                + "\r\nContent-Type: multipart/form-data; boundary=xyz\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.size()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body.toByteArray());
        request.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        ApiResponse r = RawHttp.exchange(registry, request.toByteArray());

        assertThat(r.status()).as("%s", r).isEqualTo(413);
        assertThat(r.json().get("code").asText()).isEqualTo("PACKAGE_TOO_LARGE");
        assertThat(r.json().get("error").asText()).contains("packages may be at most " + LIMIT + " bytes");
        assertThat(r.json().at("/details/max_bytes").asLong()).isEqualTo(LIMIT);
        OpenApiContract.check("POST", "/api/v1/plugins/publish", "multipart/form-data; boundary=xyz", new byte[0], r);
        assertThat(api.get("/api/v1/plugins/chunked-big").status()).isEqualTo(404);
    }

    @Test
    void a_package_just_over_the_limit_within_the_multipart_allowance_is_a_413_too() {
        byte[] noise = new byte[(int) LIMIT + 2_000];
        new Random(8).nextBytes(noise);
        Path big = TestPackages.plugin("slightly-big", "1.0.0").entry("noise.bin", noise).zip(files);

        ApiResponse r = upload(api, big, OPERATOR);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("error").asText()).startsWith("The package is ").contains("packages may be at most " + LIMIT + " bytes");
        assertThat(r.json().at("/details/max_bytes").asLong()).isEqualTo(LIMIT);
        assertThat(api.get("/api/v1/plugins/slightly-big").status()).isEqualTo(404);
    }
}
