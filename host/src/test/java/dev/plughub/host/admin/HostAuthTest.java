package dev.plughub.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.host.testing.Hosts;
import dev.plughub.registry.testing.ApiResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may use the admin API, through real HTTP. */
class HostAuthTest {

    @TempDir
    Path home;

    @Test
    void refuses_a_request_without_a_token() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.send("GET", "/system/plugins", null);

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");
            assertThat(r.json().get("error").asText()).contains("X-Nebula-Token").contains("Authorization: Bearer");
        }
    }

    @Test
    void refuses_a_wrong_token() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.send("GET", "/system/plugins", null, "X-Nebula-Token", "not-the-token");

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        }
    }

    @Test
    void takes_the_host_token_in_each_of_the_three_headers() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            assertThat(admin.send("GET", "/system/plugins", null, "Authorization", "Bearer " + RunningAdmin.HOST_TOKEN).status()).isEqualTo(200);
            assertThat(admin.send("GET", "/system/plugins", null, "X-Plughub-Token", RunningAdmin.HOST_TOKEN).status()).isEqualTo(200);
            assertThat(admin.send("GET", "/system/plugins", null, "X-Nebula-Token", RunningAdmin.HOST_TOKEN).status()).isEqualTo(200);
        }
    }

    @Test
    void takes_the_operator_key_as_well() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.send("GET", "/system/plugins", null, "Authorization", "Bearer " + RunningAdmin.OPERATOR_KEY);

            assertThat(r.status()).isEqualTo(200);
        }
    }

    @Test
    void guards_every_route_not_only_the_list() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            assertThat(admin.send("POST", "/system/plugins/rescan", "{}").status()).isEqualTo(401);
            assertThat(admin.send("POST", "/system/plugins/anything/sync-users", "{\"dry_run\":true}").status()).isEqualTo(401);
            assertThat(admin.send("DELETE", "/system/plugins/anything", null).status()).isEqualTo(401);
        }
    }

    @Test
    void refuses_everything_and_says_how_to_fix_it_when_no_credential_is_configured() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home), HostAuth.of(Optional.empty(), Optional.of("  ")))) {
            ApiResponse r = admin.send("GET", "/system/plugins", null, "X-Nebula-Token", "  ");

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("code").asText()).isEqualTo("ADMIN_API_DISABLED");
            assertThat(r.json().get("error").asText()).contains("PLUGHUB_HOST_TOKEN");
        }
    }
}
