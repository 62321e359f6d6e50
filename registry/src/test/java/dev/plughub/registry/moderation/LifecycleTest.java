package dev.plughub.registry.moderation;

import static dev.plughub.registry.moderation.Moderators.OPERATOR;
import static dev.plughub.registry.moderation.Moderators.bearer;
import static dev.plughub.registry.moderation.Moderators.publish;
import static dev.plughub.registry.moderation.Moderators.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plugin status (admins set any; owners deprecate), and yanking versions — over real HTTP. */
class LifecycleTest extends RunningRegistry {

    static String owner;
    static String stranger;
    static String admin;

    @BeforeAll
    static void seed() {
        owner = Moderators.user(api, "olivia");
        stranger = Moderators.user(api, "sam");
        admin = Moderators.admin(api, "ada");
    }

    private static List<String> listedIds(String... headers) {
        JsonNode plugins = api.get("/api/v1/plugins?limit=100", headers).json().at("/data/plugins");
        List<String> ids = new ArrayList<>();
        plugins.forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    @Test
    void an_admin_bans_a_plugin_which_hides_it_from_strangers_and_refuses_downloads() {
        publish(api, files, owner, "shady", "1.0.0");
        ApiResponse banned = send(api, "PUT", "/api/v1/admin/plugins/shady/status",
                "{\"status\":\"banned\",\"reason\":\"malware\"}", bearer(admin));

        assertThat(banned.status()).as("%s", banned).isEqualTo(200);
        assertThat(banned.json().at("/data/status").asText()).isEqualTo("banned");
        assertThat(banned.json().at("/data/reason").asText()).isEqualTo("malware");
        assertThat(listedIds()).doesNotContain("shady");
        assertThat(listedIds(bearer(stranger))).doesNotContain("shady");
        assertThat(listedIds(bearer(owner))).contains("shady");
        assertThat(listedIds(bearer(admin))).contains("shady");
        assertThat(listedIds(OPERATOR)).contains("shady");
        ApiResponse download = api.get("/api/v1/plugins/shady/download");
        assertThat(download.status()).isEqualTo(403);
        assertThat(download.json().get("code").asText()).isEqualTo("PLUGIN_BANNED");
        assertThat(download.json().get("error").asText()).contains("banned");
        assertThat(api.get("/api/v1/plugins/shady/download?version=1.0.0").status()).isEqualTo(403);

        // the owner cannot lift a ban by un-deprecating or deprecating
        assertThat(send(api, "POST", "/api/v1/plugins/shady/deprecate", "{}", bearer(owner)).status()).isEqualTo(403);

        ApiResponse lifted = send(api, "POST", "/api/v1/admin/plugins/shady/status", "{\"status\":\"active\"}", OPERATOR);
        assertThat(lifted.status()).as("%s", lifted).isEqualTo(200);
        assertThat(listedIds()).contains("shady");
        assertThat(api.get("/api/v1/plugins/shady/download").status()).isEqualTo(200);
    }

    @Test
    void only_admins_set_a_status_and_only_known_statuses() {
        publish(api, files, owner, "statused", "1.0.0");
        String path = "/api/v1/admin/plugins/statused/status";

        assertThat(send(api, "PUT", path, "{\"status\":\"banned\"}").status()).isEqualTo(401);
        assertThat(send(api, "PUT", path, "{\"status\":\"banned\"}", bearer(owner)).status()).isEqualTo(403);
        assertThat(send(api, "PUT", path, "{\"status\":\"banned\"}", bearer(stranger)).status()).isEqualTo(403);
        assertThat(send(api, "PUT", "/api/v1/admin/plugins/no-such/status", "{\"status\":\"banned\"}", bearer(admin)).status())
                .isEqualTo(404);
        ApiResponse bad = send(api, "PUT", path, "{\"status\":\"vanished\"}", bearer(admin));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/details/status/0").asText()).contains("active, deprecated, banned, processing");
        assertThat(send(api, "PUT", path, "{}", bearer(admin)).status()).isEqualTo(422);
        ApiResponse badReplacement = send(api, "PUT", path, "{\"status\":\"deprecated\",\"replacement\":\"nowhere\"}",
                bearer(admin));
        assertThat(badReplacement.status()).isEqualTo(422);
        assertThat(badReplacement.json().has("details")).isTrue();
        assertThat(send(api, "PUT", path, "{\"status\":\"banned\",\"replacement\":\"shady\"}", bearer(admin)).status())
                .isEqualTo(422);
        assertThat(api.get("/api/v1/plugins/statused").json().at("/data/status").asText()).isEqualTo("active");

        ApiResponse processing = send(api, "PUT", path, "{\"status\":\"processing\"}", bearer(admin));
        assertThat(processing.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plugins/statused").json().at("/data/status").asText()).isEqualTo("processing");
    }

    @Test
    void an_owner_deprecates_naming_a_replacement_and_takes_it_back() {
        publish(api, files, owner, "old-tool", "1.0.0");
        publish(api, files, owner, "new-tool", "1.0.0");

        assertThat(send(api, "POST", "/api/v1/plugins/old-tool/deprecate", "{}").status()).isEqualTo(401);
        assertThat(send(api, "POST", "/api/v1/plugins/old-tool/deprecate", "{}", bearer(stranger)).status()).isEqualTo(403);
        assertThat(send(api, "POST", "/api/v1/plugins/missing/deprecate", "{}", bearer(owner)).status()).isEqualTo(404);
        assertThat(send(api, "POST", "/api/v1/plugins/old-tool/deprecate", "{\"replacement\":\"old-tool\"}", bearer(owner))
                .status()).isEqualTo(422);

        ApiResponse r = send(api, "POST", "/api/v1/plugins/old-tool/deprecate",
                "{\"replacement\":\"new-tool\",\"reason\":\"rewritten\"}", bearer(owner));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().at("/data/status").asText()).isEqualTo("deprecated");
        assertThat(r.json().at("/data/replacement").asText()).isEqualTo("new-tool");
        JsonNode deprecated = api.get("/api/v1/plugins/old-tool").json().get("data");
        assertThat(deprecated.get("status").asText()).isEqualTo("deprecated");
        assertThat(deprecated.get("replacement").asText()).isEqualTo("new-tool");
        assertThat(deprecated.get("status_reason").asText()).isEqualTo("rewritten");
        assertThat(listedIds()).as("deprecated plugins stay listed").contains("old-tool");
        assertThat(api.get("/api/v1/plugins/old-tool/download").status()).as("and downloadable").isEqualTo(200);

        assertThat(api.delete("/api/v1/plugins/old-tool/deprecate", bearer(stranger)).status()).isEqualTo(403);
        ApiResponse back = api.delete("/api/v1/plugins/old-tool/deprecate", bearer(owner));
        assertThat(back.status()).as("%s", back).isEqualTo(200);
        assertThat(back.json().at("/data/status").asText()).isEqualTo("active");
        assertThat(back.json().at("/data/replacement").isNull()).isTrue();
        ApiResponse again = api.delete("/api/v1/plugins/old-tool/deprecate", bearer(owner));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).contains("not deprecated");
    }

    @Test
    void a_yanked_version_is_not_current_nor_the_default_download_but_downloads_by_exact_version() {
        publish(api, files, owner, "yanky", "1.0.0");
        publish(api, files, owner, "yanky", "1.1.0");
        assertThat(api.get("/api/v1/plugins/yanky").json().at("/data/current_version").asText()).isEqualTo("1.1.0");

        ApiResponse r = api.request("DELETE", "/api/v1/plugins/yanky/versions/1.1.0/yank?reason=broken%20build")
                .bearer(owner).send();

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().at("/data/yanked").asBoolean()).isTrue();
        assertThat(r.json().at("/data/yank_reason").asText()).isEqualTo("broken build");
        assertThat(r.json().at("/data/yanked_at").isTextual()).isTrue();
        assertThat(r.json().at("/data/current_version").asText()).isEqualTo("1.0.0");
        JsonNode detail = api.get("/api/v1/plugins/yanky").json().get("data");
        assertThat(detail.get("current_version").asText()).isEqualTo("1.0.0");
        JsonNode yankedVersion = null;
        for (JsonNode v : detail.get("versions")) {
            if (v.get("version").asText().equals("1.1.0")) {
                yankedVersion = v;
            }
        }
        assertThat(yankedVersion).isNotNull();
        assertThat(yankedVersion.get("yanked").asBoolean()).isTrue();
        assertThat(yankedVersion.get("yank_reason").asText()).isEqualTo("broken build");
        assertThat(yankedVersion.get("yanked_at").isTextual()).isTrue();
        assertThat(api.get("/api/v1/plugins/yanky/versions/1.1.0").json().at("/data/yanked").asBoolean()).isTrue();
        ApiResponse byDefault = api.get("/api/v1/plugins/yanky/download");
        assertThat(byDefault.status()).isEqualTo(200);
        assertThat(byDefault.header("Content-Disposition").orElseThrow()).contains("1.0.0").doesNotContain("1.1.0");
        ApiResponse latest = api.get("/api/v1/plugins/yanky/download?version=latest");
        assertThat(latest.header("Content-Disposition").orElseThrow()).contains("1.0.0");
        ApiResponse exact = api.get("/api/v1/plugins/yanky/download?version=1.1.0");
        assertThat(exact.status()).isEqualTo(200);
        assertThat(exact.header("Content-Disposition").orElseThrow()).contains("1.1.0");

        ApiResponse twice = api.request("DELETE", "/api/v1/plugins/yanky/versions/1.1.0/yank").bearer(owner).send();
        assertThat(twice.status()).as("yanking twice changes nothing").isEqualTo(200);
        assertThat(twice.json().at("/data/yank_reason").asText()).isEqualTo("broken build");

        ApiResponse undo = api.request("POST", "/api/v1/plugins/yanky/versions/1.1.0/unyank").bearer(owner).send();
        assertThat(undo.status()).as("%s", undo).isEqualTo(200);
        assertThat(undo.json().at("/data/yanked").asBoolean()).isFalse();
        assertThat(undo.json().at("/data/current_version").asText()).isEqualTo("1.1.0");
        assertThat(api.get("/api/v1/plugins/yanky/versions/1.1.0").json().at("/data/yanked_at").isNull()).isTrue();
        assertThat(api.get("/api/v1/plugins/yanky").json().at("/data/current_version").asText()).isEqualTo("1.1.0");
        assertThat(api.get("/api/v1/plugins/yanky/download").header("Content-Disposition").orElseThrow()).contains("1.1.0");
    }

    @Test
    void yanking_needs_an_owner_or_admin_and_a_known_version() {
        publish(api, files, owner, "guarded", "1.0.0");
        String path = "/api/v1/plugins/guarded/versions/1.0.0/yank";

        assertThat(api.request("DELETE", path).send().status()).isEqualTo(401);
        assertThat(api.request("DELETE", path).bearer(stranger).send().status()).isEqualTo(403);
        assertThat(api.request("POST", "/api/v1/plugins/guarded/versions/1.0.0/unyank").bearer(stranger).send().status())
                .isEqualTo(403);
        ApiResponse noVersion = api.request("DELETE", "/api/v1/plugins/guarded/versions/9.9.9/yank").bearer(owner).send();
        assertThat(noVersion.status()).isEqualTo(404);
        assertThat(noVersion.json().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
        assertThat(api.request("DELETE", "/api/v1/plugins/guarded/versions/not-a-version/yank").bearer(owner).send()
                .status()).isEqualTo(404);
        assertThat(api.request("DELETE", "/api/v1/plugins/unknown-thing/versions/1.0.0/yank").bearer(owner).send()
                .status()).isEqualTo(404);

        ApiResponse byAdmin = api.request("DELETE", path).bearer(admin).send();
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().at("/data/current_version").isNull()).as("no unyanked stable version left").isTrue();
        assertThat(api.get("/api/v1/plugins/guarded/download?version=1.0.0").status()).isEqualTo(200);
    }
}
