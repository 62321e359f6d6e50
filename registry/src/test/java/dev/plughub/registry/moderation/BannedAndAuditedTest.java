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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's remaining lifecycle rules, over real HTTP: a banned plugin is visible to its owners and
 * admins only (seed 001), a deletion lands in the audit log, and concurrent moderation never loses an
 * audit entry's "before" (on PostgreSQL the changes take turns on the plugin's row).
 */
class BannedAndAuditedTest extends RunningRegistry {

    /** Everything a reader can ask about one plugin. */
    private static final List<String> READS = List.of("", "/versions", "/versions/1.0.0", "/stats",
            "/stats/downloads?days=7", "/badges", "/ratings", "/reviews", "/owners");

    static String owner;
    static String stranger;
    static String admin;

    @BeforeAll
    static void seed() {
        owner = Moderators.user(api, "bianca");
        stranger = Moderators.user(api, "nosy");
        admin = Moderators.admin(api, "moderna");
    }

    @Test
    void a_banned_plugin_is_not_found_by_anyone_but_its_owners_and_admins() {
        publish(api, files, owner, "hidden", "1.0.0");
        for (String read : READS) {
            assertThat(api.get("/api/v1/plugins/hidden" + read).status()).as("before the ban: %s", read).isEqualTo(200);
        }
        assertThat(send(api, "PUT", "/api/v1/admin/plugins/hidden/status", "{\"status\":\"banned\"}", bearer(admin))
                .status()).isEqualTo(200);

        for (String read : READS) {
            for (String[] who : List.of(new String[0], bearer(stranger))) {
                ApiResponse r = api.get("/api/v1/plugins/hidden" + read, who);
                assertThat(r.status()).as("%s by %s: %s", read, who.length == 0 ? "anonymous" : "a stranger", r)
                        .isEqualTo(404);
                assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
            }
            for (String[] who : List.of(bearer(owner), bearer(admin), OPERATOR)) {
                assertThat(api.get("/api/v1/plugins/hidden" + read, who).status()).as("%s by a manager", read).isEqualTo(200);
            }
        }
        // the managers' reads cached the detail; nobody else gets it from there either
        assertThat(api.get("/api/v1/plugins/hidden", bearer(owner)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plugins/hidden").status()).as("anonymous, after the owner's read").isEqualTo(404);
        assertThat(api.get("/api/v1/plugins/hidden", bearer(stranger)).status()).as("a stranger, after it").isEqualTo(404);
        // spellings a route decodes to the same id are hidden too
        for (String spelled : List.of("/api/v1/plugins/h%69dden", "/api/v1/plugins/hidden/", "/api/v1/plugins/hidden/stats/")) {
            assertThat(api.get(spelled).status()).as(spelled).isIn(404);
        }
        ApiResponse download = api.get("/api/v1/plugins/hidden/download", bearer(owner));
        assertThat(download.status()).isEqualTo(403);
        assertThat(download.json().get("code").asText()).isEqualTo("PLUGIN_BANNED");

        assertThat(send(api, "PUT", "/api/v1/admin/plugins/hidden/status", "{\"status\":\"active\"}", OPERATOR).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/plugins/hidden").status()).isEqualTo(200);
    }

    @Test
    void deleting_a_plugin_is_audited_with_who_when_and_the_state_before() {
        publish(api, files, owner, "short-lived", "1.0.0");

        ApiResponse deleted = api.request("DELETE", "/api/v1/plugins/short-lived").headers(bearer(owner)).send();
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);

        JsonNode entries = api.get("/api/v1/admin/audit?action=plugin.delete&target=plugin:short-lived", bearer(admin))
                .json().at("/data/entries");
        assertThat(entries.size()).isEqualTo(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("actor").asText()).isEqualTo("bianca");
        assertThat(entry.get("at").asText()).isNotBlank();
        assertThat(entry.at("/before/status").asText()).isEqualTo("active");
        assertThat(entry.at("/before/current_version").asText()).isEqualTo("1.0.0");
        assertThat(entry.at("/before/deleted").asBoolean()).isFalse();
        assertThat(entry.at("/after/deleted").asBoolean()).isTrue();
        assertThat(api.request("DELETE", "/api/v1/plugins/short-lived").headers(bearer(owner)).send().status())
                .as("deleted twice").isEqualTo(404);
        assertThat(api.get("/api/v1/admin/audit?action=plugin.delete&target=plugin:short-lived", bearer(admin))
                .json().at("/data/entries").size()).isEqualTo(1);
    }

    @Test
    void twenty_concurrent_yanks_unyanks_and_status_changes_leave_an_unbroken_audit_chain() throws Exception {
        publish(api, files, owner, "contended", "1.0.0");
        publish(api, files, owner, "contended", "1.1.0");
        List<String> statuses = List.of("deprecated", "active", "banned", "processing");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return switch (n % 3) {
                        case 0 -> api.request("DELETE", "/api/v1/plugins/contended/versions/1.1.0/yank")
                                .headers(OPERATOR).send().status();
                        case 1 -> send(api, "POST", "/api/v1/plugins/contended/versions/1.1.0/unyank", "{}", OPERATOR)
                                .status();
                        default -> send(api, "PUT", "/api/v1/admin/plugins/contended/status",
                                "{\"status\":\"" + statuses.get(n % statuses.size()) + "\"}", OPERATOR).status();
                    };
                }));
            }
            go.countDown();
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(200);
        }

        List<JsonNode> statusChain = oldestFirst("plugin.status", "plugin:contended");
        assertThat(statusChain).hasSize(6);   // n % 3 == 2 for n < 20
        assertThat(statusChain.getFirst().at("/before/status").asText()).isEqualTo("active");
        for (int i = 1; i < statusChain.size(); i++) {
            assertThat(statusChain.get(i).get("before")).as("status change %d", i).isEqualTo(statusChain.get(i - 1).get("after"));
        }
        List<JsonNode> yankChain = oldestFirst("version", "version:contended@1.1.0");
        assertThat(yankChain).isNotEmpty();
        assertThat(yankChain.getFirst().at("/before/yanked").asBoolean()).isFalse();
        for (int i = 0; i < yankChain.size(); i++) {
            JsonNode e = yankChain.get(i);
            assertThat(e.at("/after/yanked").asBoolean()).as("entry %d changes something", i)
                    .isNotEqualTo(e.at("/before/yanked").asBoolean());
            if (i > 0) {
                assertThat(e.at("/before/yanked").asBoolean()).as("yank entry %d", i)
                        .isEqualTo(yankChain.get(i - 1).at("/after/yanked").asBoolean());
            }
        }
    }

    private static List<JsonNode> oldestFirst(String action, String target) {
        JsonNode entries = api.get("/api/v1/admin/audit?limit=100&action=" + action + "&target=" + target, OPERATOR)
                .json().at("/data/entries");
        List<JsonNode> list = new ArrayList<>();
        entries.forEach(e -> list.addFirst(e));
        return list;
    }
}
