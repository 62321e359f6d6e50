package dev.plughub.registry.catalog;

import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.TestBlobStores;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Small steps the catalogue tests share: publishing through HTTP, making users, looking at the blob store. */
final class Publishing {

    static final String[] OPERATOR = Accounts.OPERATOR;

    private Publishing() {
    }

    /** {@code POST /api/v1/plugins/upload} with the package in {@code plugin_file}. */
    static ApiResponse upload(Api api, Path file, String... headers) {
        return Publisher.upload(api, file, headers);
    }

    static ApiResponse upload(Api api, Path file, Map<String, String> fields, String... headers) {
        return Publisher.upload(api, file, fields, headers);
    }

    /** Publishes as the operator and insists it worked. */
    static ApiResponse published(Api api, Path file) {
        return Publisher.published(api, file);
    }

    /** Registers a user and answers their login token (scopes publish and review). */
    static String userToken(Api api, String username) {
        return Accounts.register(api, username);
    }

    static String[] bearer(String token) {
        return Accounts.bearer(token);
    }

    /** Whether a blob with this digest is in the package store of the registry on this data directory. */
    static boolean blobStored(Path dataDir, String sha256) {
        return TestBlobStores.contains(dataDir, sha256);
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
