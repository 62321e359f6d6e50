package dev.plughub.registry.catalog;

import static dev.plughub.registry.catalog.Publishing.published;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Versions are ordered by SemVer, the current version is the newest stable one, every answer is fresh after a publish. */
class VersionsTest extends RunningRegistry {

    private static List<String> versions(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(v.get("version").asText()));
        return out;
    }

    @Test
    void versions_are_listed_newest_first_by_semver_and_pre_releases_are_not_current() {
        for (String v : List.of("1.9.0", "2.0.0-beta.1", "1.10.0", "1.9.0-rc.1", "1.2.0")) {
            published(api, TestPackages.plugin("ordered", v).name("Ordered " + v).zip(files));
        }

        JsonNode detail = api.get("/api/v1/plugins/ordered").json().get("data");
        assertThat(versions(detail.get("versions"))).containsExactly("2.0.0-beta.1", "1.10.0", "1.9.0", "1.9.0-rc.1", "1.2.0");
        assertThat(detail.get("current_version").asText()).isEqualTo("1.10.0");
        assertThat(detail.get("name").asText()).as("described by the current version").isEqualTo("Ordered 1.10.0");
        assertThat(detail.at("/versions/0/is_stable").asBoolean()).isFalse();
        assertThat(detail.at("/versions/1/is_stable").asBoolean()).isTrue();

        JsonNode page = api.get("/api/v1/plugins/ordered/versions?limit=2&page=2").json().get("data");
        assertThat(versions(page.get("versions"))).containsExactly("1.9.0", "1.9.0-rc.1");
        assertThat(page.get("pagination").toString()).isEqualTo("{\"page\":2,\"limit\":2,\"total\":5,\"pages\":3}");
    }

    @Test
    void a_plugin_with_only_pre_releases_has_no_current_version() {
        published(api, TestPackages.zip(files, "early", "0.1.0-alpha.1"));
        JsonNode detail = api.get("/api/v1/plugins/early").json().get("data");
        assertThat(detail.get("current_version").isNull()).isTrue();
        assertThat(detail.at("/manifest/version").asText()).isEqualTo("0.1.0-alpha.1");
        JsonNode listed = api.get("/api/v1/plugins?search=early").json().at("/data/plugins/0");
        assertThat(listed.get("current_version").isNull()).isTrue();
    }

    @Test
    void without_a_stable_version_the_default_download_and_path_are_a_404_naming_the_pre_release_to_ask_for() {
        published(api, TestPackages.zip(files, "only-alpha", "0.1.0-alpha.1"));

        for (String route : List.of("/api/v1/plugins/only-alpha/download", "/api/v1/plugins/only-alpha/path")) {
            ApiResponse r = api.get(route);
            assertThat(r.status()).as("%s %s", route, r).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
            assertThat(r.json().get("error").asText()).contains("only-alpha has no stable version", "?version=0.1.0-alpha.1");
            assertThat(r.json().at("/details/newest_prerelease").asText()).isEqualTo("0.1.0-alpha.1");
        }
        assertThat(api.get("/api/v1/plugins/only-alpha/path").json().at("/details/exists").asBoolean(true))
                .as("seed 000's client reads exists").isFalse();
        ApiResponse named = api.get("/api/v1/plugins/only-alpha/download?version=0.1.0-alpha.1");
        assertThat(named.status()).isEqualTo(200);
        assertThat(named.header("Content-Disposition")).contains("attachment; filename=\"only-alpha-0.1.0-alpha.1.zip\"");

        ApiResponse path = api.get("/api/v1/plugins/only-alpha/path?version=0.1.0-alpha.1");
        assertThat(path.status()).as("the path takes the version its 404 said to ask for").isEqualTo(200);
        assertThat(path.json().get("version").asText()).isEqualTo("0.1.0-alpha.1");
        assertThat(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(path.json().get("path").asText()).resolve("plugin.json"))).isTrue();
        ApiResponse unknown = api.get("/api/v1/plugins/only-alpha/path?version=9.9.9");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/details/exists").asBoolean(true)).isFalse();
    }

    @Test
    void once_every_stable_version_is_yanked_the_default_download_is_a_404_too() {
        published(api, TestPackages.zip(files, "yanked-all", "1.0.0"));
        published(api, TestPackages.zip(files, "yanked-all", "1.1.0-beta.2"));
        assertThat(api.get("/api/v1/plugins/yanked-all/download").status()).isEqualTo(200);

        ApiResponse yank = api.request("DELETE", "/api/v1/plugins/yanked-all/versions/1.0.0/yank")
                .headers(Publishing.OPERATOR).json("{\"reason\":\"broken\"}").send();
        assertThat(yank.status()).as("%s", yank).isEqualTo(200);

        ApiResponse r = api.get("/api/v1/plugins/yanked-all/download");
        assertThat(r.status()).as("%s", r).isEqualTo(404);
        assertThat(r.json().get("error").asText()).contains("?version=1.1.0-beta.2");
        assertThat(api.get("/api/v1/plugins/yanked-all").json().at("/data/current_version").isNull()).isTrue();
    }

    @Test
    void version_detail_carries_hash_download_url_manifest_dependencies_and_publisher() {
        Path zip = TestPackages.plugin("with-deps", "1.2.3+build.7")
                .set("dependencies", Map.of("plugins", Map.of("base-lib", "^1.2.0", "extra?", ">=2.0.0"),
                        "packages", Map.of("pyjwt", ">=2.0.0")))
                .set("permissions", List.of("network", "filesystem"))
                .set("min_geektools_version", "1.0.0")
                .zip(files);
        published(api, zip);

        ApiResponse r = api.get("/api/v1/plugins/with-deps/versions/1.2.3+build.7");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode v = r.json().get("data");
        assertThat(v.get("plugin_id").asText()).isEqualTo("with-deps");
        assertThat(v.get("version").asText()).isEqualTo("1.2.3+build.7");
        assertThat(v.get("sha256").asText()).isEqualTo(TestPackages.sha256(zip));
        assertThat(v.get("file_hash").asText()).isEqualTo("sha256:" + TestPackages.sha256(zip));
        assertThat(v.get("download_url").asText()).isEqualTo("/api/v1/plugins/with-deps/download?version=1.2.3%2Bbuild.7");
        assertThat(v.at("/manifest/id").asText()).isEqualTo("with-deps");
        assertThat(v.at("/dependencies/plugins/base-lib").asText()).isEqualTo("^1.2.0");
        assertThat(v.at("/dependencies/plugins/extra?").asText()).isEqualTo(">=2.0.0");
        assertThat(v.at("/dependencies/packages/pyjwt").asText()).isEqualTo(">=2.0.0");
        assertThat(v.get("published_by").isNull()).as("the operator has no account").isTrue();
        assertThat(api.get("/api/v1/plugins/with-deps/versions/1.2.3").status()).as("build metadata is optional")
                .isEqualTo(200);

        JsonNode detail = api.get("/api/v1/plugins/with-deps").json().get("data");
        assertThat(detail.get("permissions").toString()).isEqualTo("[\"network\",\"filesystem\"]");
        assertThat(detail.get("min_geektools_version").asText()).as("seed 001 shows it as written").isEqualTo("1.0.0");
        assertThat(detail.get("min_host_version").asText()).isEqualTo(">=1.0.0");
        assertThat(api.get("/api/v1/plugins?search=with-deps").json().at("/data/plugins/0/min_geektools_version").asText())
                .isEqualTo("1.0.0");
        assertThat(detail.at("/dependencies/packages/pyjwt").asText()).isEqualTo(">=2.0.0");
    }

    @Test
    void an_unknown_or_malformed_version_is_404_version_not_found() {
        published(api, TestPackages.zip(files, "one-version", "1.0.0"));
        for (String v : List.of("9.9.9", "not-a-version", "1.0")) {
            ApiResponse r = api.get("/api/v1/plugins/one-version/versions/" + v);
            assertThat(r.status()).as(v).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
        }
    }

    @Test
    void answers_are_fresh_right_after_a_publish() {
        published(api, TestPackages.zip(files, "fresh", "1.0.0"));
        assertThat(api.get("/api/v1/plugins/fresh").json().at("/data/current_version").asText()).isEqualTo("1.0.0");
        assertThat(api.get("/api/v1/plugins?search=fresh").json().at("/data/plugins/0/current_version").asText())
                .isEqualTo("1.0.0");

        published(api, TestPackages.plugin("fresh", "1.1.0").description("now with more").zip(files));

        JsonNode detail = api.get("/api/v1/plugins/fresh").json().get("data");
        assertThat(detail.get("current_version").asText()).isEqualTo("1.1.0");
        assertThat(detail.get("versions")).hasSize(2);
        assertThat(api.get("/api/v1/plugins?search=fresh").json().at("/data/plugins/0/description").asText())
                .isEqualTo("now with more");
    }

    @Test
    void a_version_published_later_describes_the_plugin_only_when_it_becomes_current() {
        published(api, TestPackages.plugin("later", "2.0.0").name("Later Two").tags("two-tag").zip(files));
        published(api, TestPackages.plugin("later", "1.5.0").name("Later Older").tags("older-tag").zip(files));
        published(api, TestPackages.plugin("later", "3.0.0-rc.1").name("Later Candidate").tags("rc-tag").zip(files));

        JsonNode detail = api.get("/api/v1/plugins/later").json().get("data");
        assertThat(detail.get("current_version").asText()).isEqualTo("2.0.0");
        assertThat(detail.get("name").asText()).isEqualTo("Later Two");
        assertThat(taggedIds("two-tag")).containsExactly("later");
        assertThat(taggedIds("older-tag")).isEmpty();
        assertThat(taggedIds("rc-tag")).isEmpty();
        assertThat(api.get("/api/v1/plugins?search=Older").json().at("/data/pagination/total").asInt()).isZero();

        published(api, TestPackages.plugin("later", "2.1.0").name("Later Newer").tags("newer-tag").zip(files));

        detail = api.get("/api/v1/plugins/later").json().get("data");
        assertThat(detail.get("current_version").asText()).isEqualTo("2.1.0");
        assertThat(detail.get("name").asText()).isEqualTo("Later Newer");
        assertThat(taggedIds("newer-tag")).containsExactly("later");
        assertThat(taggedIds("two-tag")).isEmpty();
        assertThat(api.get("/api/v1/plugins?search=Newer").json().at("/data/plugins/0/id").asText()).isEqualTo("later");
    }

    @Test
    void a_deleted_plugin_published_again_takes_the_new_version_as_current_even_when_it_is_older() {
        published(api, TestPackages.plugin("phoenix", "2.0.0").name("Phoenix Two").zip(files));
        assertThat(api.delete("/api/v1/plugins/phoenix", Accounts.OPERATOR).status()).isEqualTo(200);

        published(api, TestPackages.plugin("phoenix", "1.0.0").name("Phoenix One").zip(files));

        JsonNode detail = api.get("/api/v1/plugins/phoenix").json().get("data");
        assertThat(detail.get("current_version").asText()).isEqualTo("1.0.0");
        assertThat(detail.get("name").asText()).isEqualTo("Phoenix One");
        assertThat(versions(detail.get("versions"))).containsExactly("1.0.0");
    }

    private List<String> taggedIds(String tag) {
        List<String> ids = new ArrayList<>();
        api.get("/api/v1/plugins?tag=" + tag).json().at("/data/plugins").forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }
}
