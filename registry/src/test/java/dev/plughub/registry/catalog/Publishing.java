package dev.plughub.registry.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Small steps the catalogue tests share: publishing through HTTP, making users, looking at the blob store. */
final class Publishing {

    static final String[] OPERATOR = {"X-API-Key", TestRegistry.OPERATOR_KEY};

    private Publishing() {
    }

    /** {@code POST /api/v1/plugins/upload} with the package in {@code plugin_file}. */
    static ApiResponse upload(Api api, Path file, String... headers) {
        return api.request("POST", "/api/v1/plugins/upload").headers(headers).file("plugin_file", file).send();
    }

    static ApiResponse upload(Api api, Path file, Map<String, String> fields, String... headers) {
        return api.request("POST", "/api/v1/plugins/upload").headers(headers)
                .multipart(Map.of("plugin_file", file), fields).send();
    }

    /** Publishes as the operator and insists it worked. */
    static ApiResponse published(Api api, Path file) {
        ApiResponse r = upload(api, file, OPERATOR);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r;
    }

    /** Registers a user and answers their login token (scopes publish and review). */
    static String userToken(Api api, String username) {
        ApiResponse r = api.postJson("/api/v1/auth/register",
                "{\"username\":\"" + username + "\",\"password\":\"correct-horse-battery\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().path("data").path("token").asText();
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** Whether a blob with this digest is in the data directory's package store. */
    static boolean blobStored(Path dataDir, String sha256) {
        Path packages = dataDir.resolve("packages");
        if (!Files.exists(packages)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(packages)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files left in the upload folder (Jetty's parts and our temporary copies). */
    static long uploadLeftovers(Path dataDir) {
        try (Stream<Path> files = Files.list(dataDir.resolve("tmp").resolve("uploads"))) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
