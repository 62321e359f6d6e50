package dev.plughub.registry.moderation;

import static dev.plughub.registry.moderation.Moderators.OPERATOR;
import static dev.plughub.registry.moderation.Moderators.bearer;
import static dev.plughub.registry.moderation.Moderators.publish;
import static dev.plughub.registry.moderation.Moderators.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admin routes — verify, badges, users, figures — and the audit log they all write — over real HTTP. */
class AdminTest extends RunningRegistry {

    static String admin;
    static String someone;

    @BeforeAll
    static void seed() {
        admin = Moderators.admin(api, "root-admin");
        someone = Moderators.user(api, "someone");
    }

    @Test
    void admin_routes_refuse_anonymous_callers_and_non_admins() {
        for (String[] route : new String[][] {
                {"POST", "/api/v1/admin/plugins/any/verify"},
                {"POST", "/api/v1/admin/plugins/any/badges/featured"},
                {"DELETE", "/api/v1/admin/plugins/any/badges/featured"},
                {"GET", "/api/v1/admin/users"},
                {"PATCH", "/api/v1/admin/users/someone"},
                {"GET", "/api/v1/admin/stats"},
                {"GET", "/api/v1/admin/audit"}}) {
            String body = route[0].equals("PATCH") ? "{\"disabled\":true}" : null;
            assertThat(send(api, route[0], route[1], body).status()).as("anonymous %s %s", route[0], route[1]).isEqualTo(401);
            ApiResponse r = send(api, route[0], route[1], body, bearer(someone));
            assertThat(r.status()).as("user %s %s", route[0], route[1]).isEqualTo(403);
            assertThat(r.json().get("code").asText()).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void an_admin_verifies_a_plugin_and_grants_and_removes_admin_badges() {
        publish(api, files, someone, "trusty", "1.0.0");

        ApiResponse verified = api.request("POST", "/api/v1/admin/plugins/trusty/verify").bearer(admin).send();
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        assertThat(verified.json().at("/data/badges").toString()).contains("verified");

        ApiResponse featured = api.request("POST", "/api/v1/admin/plugins/trusty/badges/featured").headers(OPERATOR).send();
        assertThat(featured.status()).isEqualTo(200);
        assertThat(featured.json().at("/data/badges").toString()).contains("featured", "verified");
        ApiResponse computed = api.request("POST", "/api/v1/admin/plugins/trusty/badges/popular").bearer(admin).send();
        assertThat(computed.status()).isEqualTo(422);
        assertThat(computed.json().at("/details/badge/0").asText()).contains("computed");
        assertThat(api.request("POST", "/api/v1/admin/plugins/trusty/badges/shiny").bearer(admin).send().status())
                .isEqualTo(422);
        assertThat(api.request("POST", "/api/v1/admin/plugins/ghost/verify").bearer(admin).send().status()).isEqualTo(404);

        ApiResponse removed = api.request("DELETE", "/api/v1/admin/plugins/trusty/badges/featured").bearer(admin).send();
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().at("/data/badges").toString()).doesNotContain("featured").contains("verified");

        JsonNode entries = api.get("/api/v1/admin/audit?target=trusty", bearer(admin)).json().at("/data/entries");
        assertThat(entries.size()).isEqualTo(3);
        assertThat(entries.get(0).get("action").asText()).isEqualTo("badge.remove");
        assertThat(entries.get(1).get("actor").asText()).isEqualTo("operator");
        assertThat(entries.get(1).get("actor_user_id").isNull()).isTrue();
        assertThat(entries.get(2).get("action").asText()).isEqualTo("plugin.verify");
        assertThat(entries.get(2).get("actor").asText()).isEqualTo("root-admin");
        assertThat(entries.get(2).at("/before/badges").size()).isZero();
        assertThat(entries.get(2).at("/after/badges/0").asText()).isEqualTo("verified");
    }

    @Test
    void a_user_disabled_by_an_admin_loses_their_token_at_once_and_gets_it_back_when_enabled() {
        String victim = Moderators.user(api, "soon-disabled");
        assertThat(api.get("/api/v1/tokens", bearer(victim)).status()).isEqualTo(200);

        ApiResponse r = send(api, "PATCH", "/api/v1/admin/users/soon-disabled", "{\"disabled\":true}", bearer(admin));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().at("/data/disabled").asBoolean()).isTrue();

        ApiResponse refused = api.get("/api/v1/tokens", bearer(victim));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        ApiResponse publicRead = api.get("/api/v1/plugins", bearer(victim));
        assertThat(publicRead.status()).as("a public read is answered as to anyone").isEqualTo(200);
        assertThat(publicRead.header("WWW-Authenticate")).as("saying the token was not taken")
                .hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));

        assertThat(send(api, "PUT", "/api/v1/admin/users/soon-disabled", "{\"disabled\":false}", OPERATOR).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/tokens", bearer(victim)).status()).isEqualTo(200);
    }

    @Test
    void users_are_listed_searched_and_changed_with_validation() {
        Moderators.user(api, "findable-fred");
        ApiResponse all = api.get("/api/v1/admin/users?limit=2", bearer(admin));
        assertThat(all.status()).as("%s", all).isEqualTo(200);
        assertThat(all.json().at("/data/users").size()).isEqualTo(2);
        assertThat(all.json().at("/data/pagination/total").asInt()).isGreaterThanOrEqualTo(3);
        ApiResponse found = api.get("/api/v1/admin/users?search=FINDABLE", bearer(admin));
        assertThat(found.json().at("/data/users").size()).isEqualTo(1);
        JsonNode fred = found.json().at("/data/users/0");
        assertThat(fred.get("username").asText()).isEqualTo("findable-fred");
        assertThat(fred.get("role").asText()).isEqualTo("user");
        assertThat(fred.get("disabled").asBoolean()).isFalse();

        long id = fred.get("id").asLong();
        ApiResponse promoted = send(api, "PUT", "/api/v1/admin/users/" + id, "{\"role\":\"admin\"}", bearer(admin));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().at("/data/role").asText()).isEqualTo("admin");

        assertThat(send(api, "PUT", "/api/v1/admin/users/" + id, "{\"role\":\"king\"}", bearer(admin)).status()).isEqualTo(422);
        assertThat(send(api, "PUT", "/api/v1/admin/users/" + id, "{\"disabled\":\"yes\"}", bearer(admin)).status())
                .isEqualTo(422);
        assertThat(send(api, "PUT", "/api/v1/admin/users/" + id, "{}", bearer(admin)).status()).isEqualTo(422);
        ApiResponse missing = send(api, "PUT", "/api/v1/admin/users/no-such-user", "{\"disabled\":true}", bearer(admin));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("USER_NOT_FOUND");
        assertThat(send(api, "PUT", "/api/v1/admin/users/root-admin", "{\"disabled\":true}", bearer(admin)).status())
                .as("an admin cannot lock themselves out").isEqualTo(409);

        JsonNode entry = api.get("/api/v1/admin/audit?action=user.update&target=user:findable-fred", OPERATOR)
                .json().at("/data/entries/0");
        assertThat(entry.get("actor").asText()).isEqualTo("root-admin");
        assertThat(entry.get("target_type").asText()).isEqualTo("user");
        assertThat(entry.at("/before/role").asText()).isEqualTo("user");
        assertThat(entry.at("/after/role").asText()).isEqualTo("admin");
        assertThat(Instant.parse(entry.get("at").asText())).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void admin_stats_count_moderation_figures() {
        publish(api, files, someone, "counted-a", "1.0.0");
        publish(api, files, someone, "counted-a", "1.1.0");
        publish(api, files, someone, "counted-b", "1.0.0");
        JsonNode before = api.get("/api/v1/admin/stats", bearer(admin)).json().get("data");

        send(api, "PUT", "/api/v1/admin/plugins/counted-b/status", "{\"status\":\"banned\"}", OPERATOR);
        api.request("DELETE", "/api/v1/plugins/counted-a/versions/1.1.0/yank").bearer(someone).send();
        ApiResponse r = api.get("/api/v1/admin/stats", bearer(admin));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode after = r.json().get("data");
        assertThat(after.get("banned_plugins").asLong()).isEqualTo(before.get("banned_plugins").asLong() + 1);
        assertThat(after.get("yanked_versions").asLong()).isEqualTo(before.get("yanked_versions").asLong() + 1);
        assertThat(after.get("plugins").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(after.get("versions").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(after.at("/users_by_role/admin").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(after.get("users").asLong())
                .isEqualTo(after.at("/users_by_role/admin").asLong() + after.at("/users_by_role/user").asLong());
        assertThat(after.has("disabled_users")).isTrue();
        assertThat(after.get("reviews").asLong()).isZero();
        assertThat(after.has("downloads_today")).isTrue();
    }

    @Test
    void the_audit_log_is_filtered_and_cannot_be_changed_even_through_sql() throws SQLException {
        publish(api, files, someone, "audited", "1.0.0");
        send(api, "PUT", "/api/v1/admin/plugins/audited/status", "{\"status\":\"deprecated\",\"reason\":\"old\"}", bearer(admin));
        api.request("DELETE", "/api/v1/plugins/audited/versions/1.0.0/yank").bearer(someone).send();

        JsonNode status = api.get("/api/v1/admin/audit?action=plugin.status&target=audited", bearer(admin))
                .json().at("/data/entries/0");
        assertThat(status.get("actor").asText()).isEqualTo("root-admin");
        assertThat(status.get("reason").asText()).isEqualTo("old");
        assertThat(status.at("/before/status").asText()).isEqualTo("active");
        assertThat(status.at("/after/status").asText()).isEqualTo("deprecated");
        JsonNode yank = api.get("/api/v1/admin/audit?actor=someone&action=version", bearer(admin)).json().at("/data/entries/0");
        assertThat(yank.get("action").asText()).isEqualTo("version.yank");
        assertThat(yank.get("target_id").asText()).isEqualTo("audited@1.0.0");
        assertThat(yank.at("/before/yanked").asBoolean()).isFalse();
        assertThat(yank.at("/after/yanked").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/admin/audit?since=2999-01-01", bearer(admin)).json().at("/data/pagination/total").asInt())
                .isZero();
        assertThat(api.get("/api/v1/admin/audit?since=yesterday", bearer(admin)).status()).isEqualTo(422);

        try (Connection c = TestDatabases.connect(data); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET actor = 'nobody'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log")).hasMessageContaining("append-only");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_log WHERE actor = 'nobody'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isZero();
            }
        }
        assertThat(api.get("/api/v1/admin/audit", bearer(admin)).json().at("/data/pagination/total").asInt()).isPositive();
    }
}
