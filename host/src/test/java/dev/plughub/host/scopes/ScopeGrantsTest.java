package dev.plughub.host.scopes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeGrantsTest {

    @TempDir
    Path dir;

    ScopeGrants grants() {
        return new ScopeGrants(dir, ScopePolicy.defaults());
    }

    @Test
    void the_default_policy_is_seed_004s_seven_scopes() {
        assertThat(ScopePolicy.defaults().allowed()).containsExactlyInAnyOrder("users.read", "users.write",
                "roles.read", "roles.write", "identity_tags.read", "identity_tags.write", "events.emit");
    }

    @Test
    void grants_what_is_requested_and_allowed_and_denies_the_rest() {
        ScopeGrants grants = grants();

        grants.initialize("sample_sync", Set.of("users.read", "users.write", "http.external"));

        assertThat(grants.granted("sample_sync")).containsExactlyInAnyOrder("users.read", "users.write");
        assertThat(grants.allows("sample_sync", "users.read")).isTrue();
        assertThat(grants.allows("sample_sync", "http.external")).isFalse();
        assertThat(grants.allows("sample_sync", "roles.read")).isFalse();
        PermissionsView view = grants.view("sample_sync");
        assertThat(view.requested()).containsExactlyInAnyOrder("users.read", "users.write", "http.external");
        assertThat(view.denied()).containsExactly("http.external");
        assertThat(view.policy()).isEqualTo(ScopePolicy.defaults().allowed());
    }

    @Test
    void a_revoke_survives_a_restart_and_a_new_start_of_the_plugin() {
        ScopeGrants grants = grants();
        grants.initialize("sample_sync", Set.of("users.read", "users.write"));

        grants.change("sample_sync", Set.of(), Set.of("users.write"));
        ScopeGrants afterRestart = grants();
        afterRestart.initialize("sample_sync", Set.of("users.read", "users.write"));

        assertThat(afterRestart.granted("sample_sync")).containsExactly("users.read");
        assertThat(afterRestart.view("sample_sync").denied()).containsExactly("users.write");
    }

    @Test
    void an_update_requesting_a_new_scope_gets_it_when_the_policy_allows() {
        ScopeGrants grants = grants();
        grants.initialize("sample_sync", Set.of("users.read"));
        grants.change("sample_sync", Set.of(), Set.of("users.read"));

        grants.initialize("sample_sync", Set.of("users.read", "events.emit"));

        assertThat(grants.granted("sample_sync")).containsExactly("events.emit");
    }

    @Test
    void refuses_to_grant_outside_the_policy_and_changes_nothing() {
        ScopeGrants grants = grants();
        grants.initialize("sample_sync", Set.of("users.read", "users.write", "http.external"));
        grants.change("sample_sync", Set.of(), Set.of("users.write"));

        assertThatThrownBy(() -> grants.change("sample_sync", Set.of("http.external", "users.write"), Set.of()))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("cannot grant http.external")
                .hasMessageContaining("scope policy does not allow it")
                .satisfies(e -> assertThat(((HostException) e).code()).isEqualTo(HostError.PLUGIN_PERMISSION_DENIED));
        assertThat(grants.granted("sample_sync")).containsExactly("users.read");
    }

    @Test
    void grants_within_the_policy_at_runtime() {
        ScopeGrants grants = grants();
        grants.initialize("sample_sync", Set.of("users.read", "roles.read"));
        grants.change("sample_sync", Set.of(), Set.of("roles.read"));

        PermissionsView view = grants.change("sample_sync", Set.of("roles.read"), Set.of());

        assertThat(view.granted()).containsExactlyInAnyOrder("users.read", "roles.read");
        assertThat(grants().granted("sample_sync")).containsExactlyInAnyOrder("users.read", "roles.read");
    }

    @Test
    void never_grants_a_scope_the_manifest_does_not_request() {
        ScopeGrants grants = grants();
        grants.initialize("chaos", Set.of("events.emit"));

        assertThatThrownBy(() -> grants.change("chaos", Set.of("users.read", "events.emit"), Set.of()))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.code()).isEqualTo(HostError.PLUGIN_PERMISSION_DENIED);
                    assertThat(e.getMessage()).isEqualTo("cannot grant users.read to chaos: a plugin holds only the scopes"
                            + " its manifest requests, and it requests events.emit");
                    assertThat(e.details()).containsEntry("not_requested", List.of("users.read"));
                });
        assertThat(grants.granted("chaos")).containsExactly("events.emit");
        assertThat(grants.allows("chaos", "users.read")).isFalse();
    }

    @Test
    void an_update_that_stops_requesting_a_scope_loses_it_and_asking_again_is_a_fresh_request() {
        ScopeGrants grants = grants();
        grants.initialize("sample_sync", Set.of("users.read", "users.write"));

        grants.initialize("sample_sync", Set.of("users.read"));

        assertThat(grants.granted("sample_sync")).containsExactly("users.read");
        grants.initialize("sample_sync", Set.of("users.read", "users.write"));
        assertThat(grants.granted("sample_sync")).containsExactlyInAnyOrder("users.read", "users.write");
    }

    @Test
    void a_grant_written_into_the_file_by_hand_outside_the_request_is_not_honoured() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("chaos.json"),
                "{\"requested\": [\"events.emit\"], \"granted\": [\"events.emit\", \"users.write\"]}");

        assertThat(grants().allows("chaos", "users.write")).isFalse();
        assertThat(grants().granted("chaos")).containsExactly("events.emit");
    }

    @Test
    void a_narrower_policy_takes_away_what_it_no_longer_allows() {
        grants().initialize("sample_sync", Set.of("users.read", "users.write"));

        ScopeGrants narrower = new ScopeGrants(dir, new ScopePolicy(Set.of("users.read")));

        assertThat(narrower.allows("sample_sync", "users.write")).isFalse();
        assertThat(narrower.granted("sample_sync")).containsExactly("users.read");
    }

    @Test
    void concurrent_changes_lose_none_and_memory_matches_disk() throws Exception {
        ScopeGrants grants = grants();
        List<String> scopes = List.copyOf(ScopePolicy.SEED_SCOPES);
        grants.initialize("busy", Set.copyOf(scopes));
        grants.change("busy", Set.of(), Set.copyOf(scopes));
        CountDownLatch done = new CountDownLatch(scopes.size());
        for (String scope : scopes) {
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50; i++) {
                    grants.change("busy", Set.of(scope), Set.of());
                    grants.change("busy", Set.of(), Set.of(scope));
                }
                grants.change("busy", Set.of(scope), Set.of());   // each thread ends with its scope granted
                done.countDown();
            });
        }
        done.await();

        assertThat(grants.granted("busy")).containsExactlyInAnyOrderElementsOf(scopes);
        assertThat(grants().granted("busy")).containsExactlyInAnyOrderElementsOf(scopes);
    }

    @Test
    void changing_an_unknown_plugin_is_plugin_not_found() {
        assertThatThrownBy(() -> grants().change("ghost", Set.of("users.read"), Set.of()))
                .isInstanceOf(HostException.class)
                .satisfies(e -> assertThat(((HostException) e).code()).isEqualTo(HostError.PLUGIN_NOT_FOUND));
    }

    @Test
    void remove_forgets_the_plugin() {
        ScopeGrants grants = grants();
        grants.initialize("sample_sync", Set.of("users.read"));

        grants.remove("sample_sync");

        assertThat(grants.allows("sample_sync", "users.read")).isFalse();
        assertThat(grants().granted("sample_sync")).isEmpty();
    }
}
