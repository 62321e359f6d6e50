package dev.plughub.registry.catalog;

import static dev.plughub.registry.catalog.Publishing.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.storage.BlobStore;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestBlobStores;
import dev.plughub.registry.testing.TestPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Seed 000's {@code GET /api/v1/plugins/{id}/path} for packages that cannot be extracted. */
class PathTest extends RunningRegistry {

    @Test
    void a_stored_package_that_breaks_a_newer_name_rule_is_a_409_naming_the_rule_never_a_500() throws IOException {
        // given: a package stored before the 255-byte file-name rule (its blob replaced underneath the registry)
        Path good = TestPackages.zip(Files.createTempDirectory(files, "good"), "stored-long", "1.0.0");
        assertThat(Publishing.upload(api, good, OPERATOR).status()).isEqualTo(201);
        Path old = TestPackages.plugin("stored-long", "1.0.0").entry("docs/" + "插".repeat(100) + ".txt", "x")
                .zip(Files.createTempDirectory(files, "old"));
        String sha = TestPackages.sha256(good);
        try (BlobStore blobs = TestBlobStores.open(data)) {
            blobs.delete(sha);
            blobs.put(sha, old);
        }

        for (int attempt = 0; attempt < 2; attempt++) {
            // when
            ApiResponse r = api.get("/api/v1/plugins/stored-long/path");

            // then
            assertThat(r.status()).as("%s", r).isEqualTo(409);
            JsonNode body = r.json();
            assertThat(body.get("code").asText()).isEqualTo("CONFLICT");
            assertThat(body.at("/details/rule").asText()).isEqualTo("ENTRY_NAME_TOO_LONG");
            assertThat(body.at("/details/version").asText()).isEqualTo("1.0.0");
            assertThat(body.get("error").asText()).contains("ENTRY_NAME_TOO_LONG", "at most 255 bytes",
                    "/api/v1/plugins/stored-long/download?version=1.0.0");
        }
        try (var leftovers = Files.list(data.resolve("extracted"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).as("nothing half-extracted").noneMatch(n -> n.startsWith(".tmp-"));
        }
    }
}
