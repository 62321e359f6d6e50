package dev.plughub.registry.updates;

import static dev.plughub.registry.testing.Accounts.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/versions/by-hash/{sha256}}: which plugin and version a file is. */
class ByHashApiTest extends RunningRegistry {

    @Test
    void names_the_plugin_and_version_of_a_file_given_bare_or_prefixed_in_either_case() {
        Path file = TestPackages.plugin("hash-me", "1.2.3").name("Hash Me").zip(files);
        Publisher.published(api, file);
        String hex = TestPackages.sha256(file);

        for (String given : new String[] {hex, "sha256:" + hex, hex.toUpperCase(Locale.ROOT), "SHA256:" + hex}) {
            ApiResponse r = api.get("/api/v1/versions/by-hash/" + given);
            assertThat(r.status()).as("%s: %s", given, r).isEqualTo(200);
            JsonNode data = r.json().get("data");
            assertThat(data.get("id").asText()).isEqualTo("hash-me");
            assertThat(data.get("name").asText()).isEqualTo("Hash Me");
            assertThat(data.get("version").asText()).isEqualTo("1.2.3");
            assertThat(data.get("sha256").asText()).isEqualTo("sha256:" + hex);
            assertThat(data.get("yanked").asBoolean()).isFalse();
            assertThat(api.get(data.get("download_url").asText()).status()).isEqualTo(200);
        }
    }

    @Test
    void says_when_the_file_is_a_yanked_version() {
        Path file = TestPackages.zip(files, "hash-yanked", "1.0.0");
        Publisher.published(api, file);
        api.request("DELETE", "/api/v1/plugins/hash-yanked/versions/1.0.0/yank").headers(OPERATOR).send();

        JsonNode data = api.get("/api/v1/versions/by-hash/" + TestPackages.sha256(file)).json().get("data");

        assertThat(data.get("yanked").asBoolean()).isTrue();
    }

    @Test
    void answers_404_for_a_hash_no_version_has() {
        ApiResponse r = api.get("/api/v1/versions/by-hash/" + "ab".repeat(32));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
    }

    @Test
    void answers_404_once_the_plugin_is_deleted() {
        Path file = TestPackages.zip(files, "hash-deleted", "1.0.0");
        Publisher.published(api, file);
        assertThat(api.delete("/api/v1/plugins/hash-deleted", OPERATOR).status()).isEqualTo(200);

        assertThat(api.get("/api/v1/versions/by-hash/" + TestPackages.sha256(file)).status()).isEqualTo(404);
    }

    @Test
    void refuses_a_malformed_hash_naming_the_rule() {
        for (String bad : new String[] {"abc", "sha256:" + "zz".repeat(32), "md5:" + "ab".repeat(32), "ab".repeat(33)}) {
            ApiResponse r = api.get("/api/v1/versions/by-hash/" + bad);
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json().at("/details/sha256/0").asText()).contains("64 hexadecimal digits");
        }
    }
}
