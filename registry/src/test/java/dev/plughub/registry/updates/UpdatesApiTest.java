package dev.plughub.registry.updates;

import static dev.plughub.registry.testing.Accounts.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.core.checksum.Sha256;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/updates} over real HTTP: what a host is offered, and what it is refused. */
class UpdatesApiTest extends RunningRegistry {

    @Test
    void offers_the_newest_stable_version_with_its_download_and_lists_up_to_date_plugins_as_such() {
        publish("upd-basic", "1.0.0");
        publish("upd-basic", "1.2.0");
        Path newest = publish("upd-basic", "1.3.0");
        publish("upd-current", "2.0.0");

        JsonNode data = check("""
                {"plugins": [{"id": "upd-basic", "version": "1.0.0"}, {"id": "upd-current", "version": "2.0.0"}]}""");

        JsonNode basic = data.at("/updates/0");
        assertThat(basic.get("id").asText()).isEqualTo("upd-basic");
        assertThat(basic.get("current_version").asText()).isEqualTo("1.0.0");
        assertThat(basic.get("latest_version").asText()).isEqualTo("1.3.0");
        assertThat(basic.get("update_available").asBoolean()).isTrue();
        assertThat(basic.get("sha256").asText()).isEqualTo(TestPackages.sha256(newest));
        ApiResponse download = api.get(basic.get("download_url").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(Sha256.of(download.body())).isEqualTo(TestPackages.sha256(newest));
        JsonNode current = data.at("/updates/1");
        assertThat(current.get("latest_version").asText()).isEqualTo("2.0.0");
        assertThat(current.get("update_available").asBoolean()).isFalse();
        assertThat(data.get("unknown")).isEmpty();
    }

    @Test
    void never_offers_a_downgrade() {
        publish("upd-down", "1.0.0");
        publish("upd-down", "2.0.0");

        JsonNode update = check("{\"plugins\": [{\"id\": \"upd-down\", \"version\": \"3.1.0\"}]}").at("/updates/0");

        assertThat(update.get("latest_version").asText()).isEqualTo("3.1.0");
        assertThat(update.get("update_available").asBoolean()).isFalse();
        assertThat(update.get("download_url").isNull()).isTrue();
        assertThat(update.get("sha256").isNull()).isTrue();
    }

    @Test
    void never_offers_a_yanked_version() {
        publish("upd-yank", "1.0.0");
        publish("upd-yank", "1.1.0");
        publish("upd-yank", "1.2.0");
        ApiResponse yank = api.request("DELETE", "/api/v1/plugins/upd-yank/versions/1.2.0/yank").headers(OPERATOR).send();
        assertThat(yank.status()).as("%s", yank).isEqualTo(200);

        JsonNode update = check("{\"plugins\": [{\"id\": \"upd-yank\", \"version\": \"1.0.0\"}]}").at("/updates/0");

        assertThat(update.get("latest_version").asText()).isEqualTo("1.1.0");
    }

    @Test
    void offers_prereleases_only_when_asked_or_when_a_prerelease_of_the_same_version_is_installed() {
        publish("upd-pre", "1.0.0");
        publish("upd-pre", "1.1.0-beta.1");
        publish("upd-pre", "1.1.0-beta.2");

        String installedStable = "{\"plugins\": [{\"id\": \"upd-pre\", \"version\": \"1.0.0\"}]";
        assertThat(check(installedStable + "}").at("/updates/0/latest_version").asText()).isEqualTo("1.0.0");
        assertThat(check(installedStable + ", \"prerelease\": true}").at("/updates/0/latest_version").asText())
                .isEqualTo("1.1.0-beta.2");
        assertThat(check("{\"plugins\": [{\"id\": \"upd-pre\", \"version\": \"1.1.0-beta.1\"}]}")
                .at("/updates/0/latest_version").asText()).isEqualTo("1.1.0-beta.2");
    }

    @Test
    void offers_only_versions_that_run_on_the_hosts_version() {
        published(TestPackages.plugin("upd-host", "1.0.0").set("min_host_version", "1.0.0").zip(files));
        published(TestPackages.plugin("upd-host", "2.0.0").set("min_host_version", "3.0.0").zip(files));

        String request = "{\"plugins\": [{\"id\": \"upd-host\", \"version\": \"1.0.0\"}], \"host_version\": \"%s\"}";
        assertThat(check(request.formatted("2.5.0")).at("/updates/0/latest_version").asText()).isEqualTo("1.0.0");
        assertThat(check(request.formatted("3.0.0")).at("/updates/0/latest_version").asText()).isEqualTo("2.0.0");
    }

    @Test
    void lists_unknown_and_banned_plugins_apart() {
        publish("upd-banned", "1.0.0");
        publish("upd-banned", "1.1.0");
        ApiResponse ban = api.request("PUT", "/api/v1/admin/plugins/upd-banned/status").headers(OPERATOR)
                .json("{\"status\":\"banned\"}").send();
        assertThat(ban.status()).as("%s", ban).isEqualTo(200);

        JsonNode data = check("""
                {"plugins": [{"id": "upd-banned", "version": "1.0.0"}, {"id": "upd-never-published", "version": "1.0.0"}]}""");

        assertThat(data.get("updates")).isEmpty();
        assertThat(data.at("/unknown/0/id").asText()).isEqualTo("upd-banned");
        assertThat(data.at("/unknown/0/reason").asText()).isEqualTo("banned");
        assertThat(data.at("/unknown/1/id").asText()).isEqualTo("upd-never-published");
        assertThat(data.at("/unknown/1/reason").asText()).isEqualTo("not_found");
    }

    @Test
    void refuses_a_check_of_10000_plugins_naming_the_limit() {
        StringJoiner plugins = new StringJoiner(",", "{\"plugins\": [", "]}");
        for (int i = 0; i < 10_000; i++) {
            plugins.add("{\"id\": \"plugin-" + i + "\", \"version\": \"1.0.0\"}");
        }

        ApiResponse r = api.postJson("/api/v1/updates", plugins.toString());

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.json().at("/details/plugins/0").asText()).contains("At most 1000 plugins").contains("10000");
    }

    @Test
    void answers_a_check_of_exactly_the_limit() {
        publish("upd-many", "1.1.0");
        StringJoiner plugins = new StringJoiner(",", "{\"plugins\": [", "]}");
        plugins.add("{\"id\": \"upd-many\", \"version\": \"1.0.0\"}");
        for (int i = 1; i < UpdateRequest.MAX_PLUGINS; i++) {
            plugins.add("{\"id\": \"absent-" + i + "\", \"version\": \"1.0.0\"}");
        }

        JsonNode data = check(plugins.toString());

        assertThat(data.at("/updates/0/latest_version").asText()).isEqualTo("1.1.0");
        assertThat(data.get("unknown")).hasSize(UpdateRequest.MAX_PLUGINS - 1);
    }

    @Test
    void reports_every_malformed_item_at_once() {
        ApiResponse r = api.postJson("/api/v1/updates", """
                {"plugins": [{"id": "Bad Id", "version": "1.0.0"}, {"id": "ok", "version": "one"},
                             {"id": "ok2", "version": "1.0.0"}, {"id": "ok2", "version": "1.0.0"}],
                 "host_version": "latest", "prerelease": "yes"}""");

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        JsonNode details = r.json().get("details");
        assertThat(details.has("plugins[0].id")).isTrue();
        assertThat(details.has("plugins[1].version")).isTrue();
        assertThat(details.at("/plugins[3].id/0").asText()).contains("more than once");
        assertThat(details.has("host_version")).isTrue();
        assertThat(details.has("prerelease")).isTrue();
    }

    @Test
    void refuses_a_body_that_is_not_a_json_object() {
        assertThat(api.postJson("/api/v1/updates", "[1, 2]").status()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/updates", "{\"plugins\": 3}").status()).isEqualTo(422);
    }

    private JsonNode check(String json) {
        ApiResponse r = api.postJson("/api/v1/updates", json);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("data");
    }

    private Path publish(String id, String version) {
        return published(TestPackages.zip(files, id, version));
    }

    private Path published(Path file) {
        Publisher.published(api, file);
        return file;
    }
}
