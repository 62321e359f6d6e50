package dev.plughub.registry.moderation;

import static dev.plughub.registry.moderation.Moderators.OPERATOR;
import static dev.plughub.registry.moderation.Moderators.bearer;
import static dev.plughub.registry.moderation.Moderators.publish;
import static dev.plughub.registry.moderation.Moderators.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Co-owners and transfers — over real HTTP. */
class OwnersTest extends RunningRegistry {

    private static List<String> owners(String pluginId) {
        ApiResponse r = api.get("/api/v1/plugins/" + pluginId + "/owners");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().at("/data/owners").forEach(o -> names.add(o.get("username").asText()));
        return names;
    }

    @Test
    void an_owner_adds_a_co_owner_who_may_then_publish_and_removes_them_again() {
        String alice = Moderators.user(api, "alice");
        String bob = Moderators.user(api, "bob");
        publish(api, files, alice, "shared", "1.0.0");
        assertThat(owners("shared")).containsExactly("alice");

        ApiResponse added = send(api, "POST", "/api/v1/plugins/shared/owners", "{\"username\":\"bob\"}", bearer(alice));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        assertThat(owners("shared")).containsExactly("alice", "bob");
        assertThat(send(api, "POST", "/api/v1/plugins/shared/owners", "{\"username\":\"BOB\"}", bearer(alice)).status())
                .as("already an owner").isEqualTo(200);
        assertThat(api.get("/api/v1/plugins/shared").json().at("/data/owners").size()).isEqualTo(2);

        ApiResponse byBob = api.request("POST", "/api/v1/plugins/upload").bearer(bob)
                .file("plugin_file", TestPackages.zip(files, "shared", "1.1.0")).send();
        assertThat(byBob.status()).as("a co-owner publishes").isEqualTo(201);

        ApiResponse removed = api.delete("/api/v1/plugins/shared/owners/alice", bearer(bob));
        assertThat(removed.status()).as("%s", removed).isEqualTo(200);
        assertThat(owners("shared")).containsExactly("bob");
        ApiResponse last = api.delete("/api/v1/plugins/shared/owners/bob", bearer(bob));
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("error").asText()).contains("last owner");
        assertThat(owners("shared")).containsExactly("bob");
    }

    @Test
    void strangers_may_not_manage_owners_and_unknown_names_are_404() {
        String carl = Moderators.user(api, "carl");
        String mallory = Moderators.user(api, "mallory");
        publish(api, files, carl, "carls", "1.0.0");

        assertThat(send(api, "POST", "/api/v1/plugins/carls/owners", "{\"username\":\"mallory\"}").status()).isEqualTo(401);
        assertThat(send(api, "POST", "/api/v1/plugins/carls/owners", "{\"username\":\"mallory\"}", bearer(mallory)).status())
                .isEqualTo(403);
        assertThat(send(api, "POST", "/api/v1/plugins/carls/transfer", "{\"username\":\"mallory\"}", bearer(mallory)).status())
                .isEqualTo(403);
        assertThat(api.delete("/api/v1/plugins/carls/owners/carl", bearer(mallory)).status()).isEqualTo(403);
        ApiResponse unknown = send(api, "POST", "/api/v1/plugins/carls/owners", "{\"username\":\"nobody-here\"}", bearer(carl));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("USER_NOT_FOUND");
        assertThat(send(api, "POST", "/api/v1/plugins/carls/owners", "{}", bearer(carl)).status()).isEqualTo(422);
        assertThat(send(api, "POST", "/api/v1/plugins/nothing/owners", "{\"username\":\"carl\"}", bearer(carl)).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/plugins/nothing/owners").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/plugins/carls/owners/mallory", bearer(carl)).status())
                .as("not an owner").isEqualTo(404);
        assertThat(owners("carls")).containsExactly("carl");
    }

    @Test
    void a_transfer_leaves_the_new_user_the_only_owner_and_admins_may_transfer_too() {
        String dora = Moderators.user(api, "dora");
        String ed = Moderators.user(api, "eddie");
        Moderators.user(api, "fay");
        publish(api, files, dora, "moving", "1.0.0");

        ApiResponse r = send(api, "POST", "/api/v1/plugins/moving/transfer", "{\"username\":\"eddie\"}", bearer(dora));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(owners("moving")).containsExactly("eddie");
        assertThat(api.request("POST", "/api/v1/plugins/upload").bearer(dora)
                .file("plugin_file", TestPackages.zip(files, "moving", "2.0.0")).send().status())
                .as("the old owner no longer may publish").isEqualTo(403);
        assertThat(send(api, "POST", "/api/v1/plugins/moving/owners", "{\"username\":\"dora\"}", bearer(dora)).status())
                .isEqualTo(403);

        ApiResponse byOperator = send(api, "POST", "/api/v1/plugins/moving/transfer", "{\"username\":\"fay\"}", OPERATOR);
        assertThat(byOperator.status()).isEqualTo(200);
        assertThat(owners("moving")).containsExactly("fay");
        JsonNode audit = api.get("/api/v1/admin/audit?target=moving&action=owner", OPERATOR).json().at("/data/entries");
        assertThat(audit.size()).isEqualTo(2);
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("operator");
        assertThat(audit.get(0).at("/before/owners/0").asText()).isEqualTo("eddie");
        assertThat(audit.get(0).at("/after/owners/0").asText()).isEqualTo("fay");
        assertThat(audit.get(1).get("actor").asText()).isEqualTo("dora");
        assertThat(ed).isNotBlank();
    }
}
