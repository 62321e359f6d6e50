package dev.plughub.registry.pf4j;

import static dev.plughub.registry.testing.Accounts.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /pf4j/plugins.json}, {@code repositories.json} and the release files, field by field. */
class Pf4jRepositoryApiTest extends RunningRegistry {

    @Test
    void lists_a_java_plugin_in_pf4j_update_format() throws Exception {
        Path jar = Pf4jPluginJars.jar(files, "pf-format", "1.0.0", "1.2.0");
        Publisher.published(api, jar);

        JsonNode plugin = plugin(api.get("/pf4j/plugins.json"), "pf-format").orElseThrow();

        assertThat(plugin.get("name").asText()).isEqualTo("pf-format");
        assertThat(plugin.get("description").asText()).isEqualTo("A test plugin called pf-format");
        assertThat(plugin.get("provider").asText()).isEqualTo("Test Author");
        JsonNode release = plugin.at("/releases/0");
        assertThat(release.get("version").asText()).isEqualTo("1.0.0");
        assertThat(release.get("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(Instant.parse(release.get("date").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(release.get("requires").asText()).isEqualTo(">=1.2.0");
        assertThat(release.get("url").asText()).isEqualTo("files/pf-format/1.0.0/pf-format-1.0.0.jar");
        assertThat(release.get("sha512sum").asText()).isEqualTo(sha512(jar));
    }

    @Test
    void a_release_url_redirects_to_the_counted_download_of_that_exact_file() {
        Path jar = Pf4jPluginJars.jar(files, "pf-file", "1.0.0", null);
        Publisher.published(api, jar);

        ApiResponse redirect = api.get("/pf4j/files/pf-file/1.0.0/pf-file-1.0.0.jar");

        assertThat(redirect.status()).isEqualTo(302);
        String location = redirect.header("Location").orElseThrow();
        assertThat(location).isEqualTo("/api/v1/plugins/pf-file/download?version=1.0.0");
        assertThat(TestPackages.sha256(jar)).isEqualTo(api.get(location).header("ETag").orElseThrow().replace("\"", ""));
        assertThat(api.get("/pf4j/files/pf-file/1.0.0/other-name.jar").status()).isEqualTo(404);
        assertThat(api.get("/pf4j/files/pf-file/9.9.9/pf-file-9.9.9.jar").status()).isEqualTo(404);
    }

    @Test
    void leaves_out_yanked_versions_prereleases_unless_asked_and_packages_pf4j_cannot_load() {
        Publisher.published(api, Pf4jPluginJars.jar(files, "pf-mixed", "1.0.0", null));
        Publisher.published(api, Pf4jPluginJars.jar(files, "pf-mixed", "1.1.0", null));
        Publisher.published(api, Pf4jPluginJars.jar(files, "pf-mixed", "1.2.0-beta.1", null));
        api.request("DELETE", "/api/v1/plugins/pf-mixed/versions/1.1.0/yank").headers(OPERATOR).send();
        Publisher.published(api, TestPackages.tarGz(files, "pf-python", "1.0.0"));

        ApiResponse stable = api.get("/pf4j/plugins.json");
        ApiResponse withPre = api.get("/pf4j/plugins.json?prerelease=true");

        assertThat(versions(plugin(stable, "pf-mixed").orElseThrow())).containsExactly("1.0.0");
        assertThat(versions(plugin(withPre, "pf-mixed").orElseThrow())).containsExactly("1.2.0-beta.1", "1.0.0");
        assertThat(plugin(stable, "pf-python")).isEmpty();
        assertThat(versions(plugin(api.get("/pf4j/plugins.json?prerelease=FALSE"), "pf-mixed").orElseThrow()))
                .containsExactly("1.0.0");
        ApiResponse maybe = api.get("/pf4j/plugins.json?prerelease=maybe");
        assertThat(maybe.status()).as("not read as false").isEqualTo(422);
        assertThat(maybe.json().at("/details/prerelease/0").asText()).isEqualTo("prerelease must be true or false");
    }

    @Test
    void the_index_follows_each_publish_yank_and_deletion_at_once() {
        Publisher.published(api, Pf4jPluginJars.jar(files, "pf-moving", "1.0.0", null));
        assertThat(versions(plugin(api.get("/pf4j/plugins.json"), "pf-moving").orElseThrow())).containsExactly("1.0.0");

        Publisher.published(api, Pf4jPluginJars.jar(files, "pf-moving", "1.1.0", null));
        assertThat(versions(plugin(api.get("/pf4j/plugins.json"), "pf-moving").orElseThrow())).containsExactly("1.1.0", "1.0.0");

        api.request("DELETE", "/api/v1/plugins/pf-moving/versions/1.1.0/yank").headers(OPERATOR).send();
        assertThat(versions(plugin(api.get("/pf4j/plugins.json"), "pf-moving").orElseThrow())).containsExactly("1.0.0");

        assertThat(api.delete("/api/v1/plugins/pf-moving", OPERATOR).status()).isEqualTo(200);
        assertThat(plugin(api.get("/pf4j/plugins.json"), "pf-moving")).isEmpty();
    }

    @Test
    void leaves_out_banned_plugins() {
        Publisher.published(api, Pf4jPluginJars.jar(files, "pf-banned", "1.0.0", null));
        assertThat(plugin(api.get("/pf4j/plugins.json"), "pf-banned")).isPresent();

        ApiResponse ban = api.request("PUT", "/api/v1/admin/plugins/pf-banned/status").headers(OPERATOR)
                .json("{\"status\":\"banned\"}").send();
        assertThat(ban.status()).as("%s", ban).isEqualTo(200);

        assertThat(plugin(api.get("/pf4j/plugins.json"), "pf-banned")).isEmpty();
        assertThat(api.get("/pf4j/files/pf-banned/1.0.0/pf-banned-1.0.0.jar").status()).isEqualTo(403);
    }

    @Test
    void repositories_json_points_at_this_registrys_pf4j_base() {
        ApiResponse answer = api.get("/pf4j/repositories.json");
        JsonNode repositories = answer.json();

        assertThat(repositories).hasSize(1);
        assertThat(repositories.at("/0/id").asText()).isEqualTo("plughub");
        assertThat(repositories.at("/0/url").asText()).isEqualTo(registry.baseUrl() + "/pf4j/");
        assertThat(answer.header("Cache-Control")).as("built from the client's Host header: no shared cache keeps it")
                .hasValueSatisfying(value -> assertThat(value).contains("private"));
    }

    private static Optional<JsonNode> plugin(ApiResponse plugins, String id) {
        assertThat(plugins.status()).isEqualTo(200);
        for (JsonNode p : plugins.json()) {
            if (p.get("id").asText().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static List<String> versions(JsonNode plugin) {
        List<String> versions = new ArrayList<>();
        plugin.get("releases").forEach(r -> versions.add(r.get("version").asText()));
        return versions;
    }

    private static String sha512(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(file)));
    }
}
