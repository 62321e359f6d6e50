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
    void takes_the_host_token_in_each_of_the_four_headers() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            assertThat(admin.send("GET", "/system/plugins", null, "Authorization", "Bearer " + RunningAdmin.HOST_TOKEN).status()).isEqualTo(200);
            assertThat(admin.send("GET", "/system/plugins", null, "X-Plughub-Token", RunningAdmin.HOST_TOKEN).status()).isEqualTo(200);
            assertThat(admin.send("GET", "/system/plugins", null, "X-Nebula-Token", RunningAdmin.HOST_TOKEN).status()).isEqualTo(200);
            assertThat(admin.send("GET", "/system/plugins", null, "X-API-Key", RunningAdmin.OPERATOR_KEY).status())
                    .as("the operator key where the registry takes it").isEqualTo(200);
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

    /** An application's idea of who is staff: one live staff session and one of a non-staff user. */
    private static final StaffSessions STAFF = secret -> "staff-session".equals(secret) ? Optional.of("ada") : Optional.empty();

    private RunningAdmin withStaff() {
        return RunningAdmin.start(Hosts.config(home),
                HostAuth.of(Optional.of(RunningAdmin.OPERATOR_KEY), Optional.of(RunningAdmin.HOST_TOKEN)).withStaffSessions(STAFF));
    }

    @Test
    void takes_a_staff_session_cookie_under_either_name() {
        try (RunningAdmin admin = withStaff()) {
            assertThat(admin.send("GET", "/system/plugins", null, "Cookie", "plughub_session=staff-session").status()).isEqualTo(200);
            assertThat(admin.send("GET", "/system/plugins", null, "Cookie", "theme=dark; nebula_session=staff-session").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void refuses_a_session_that_is_not_a_staff_members() {
        try (RunningAdmin admin = withStaff()) {
            ApiResponse r = admin.send("GET", "/system/plugins", null, "Cookie", "nebula_session=someone-else");

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
            assertThat(r.json().get("error").asText()).contains("staff");
        }
    }

    @Test
    void ignores_session_cookies_when_the_application_names_no_staff() {
        try (RunningAdmin admin = RunningAdmin.start(Hosts.config(home))) {
            ApiResponse r = admin.send("GET", "/system/plugins", null, "Cookie", "nebula_session=staff-session");

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");
        }
    }

    @Test
    void refuses_a_change_by_cookie_from_another_site_but_takes_one_from_its_own_pages() {
        try (RunningAdmin admin = withStaff()) {
            ApiResponse foreign = admin.send("POST", "/system/plugins/rescan", "{}",
                    "Cookie", "plughub_session=staff-session", "Origin", "https://evil.example");
            ApiResponse crossSite = admin.send("POST", "/system/plugins/rescan", "{}",
                    "Cookie", "plughub_session=staff-session", "Sec-Fetch-Site", "cross-site");
            ApiResponse own = admin.send("POST", "/system/plugins/rescan", "{}",
                    "Cookie", "plughub_session=staff-session", "Origin", "http://" + admin.authority(), "Sec-Fetch-Site", "same-origin");
            ApiResponse tokenFromAnywhere = admin.send("POST", "/system/plugins/rescan", "{}",
                    "X-Nebula-Token", RunningAdmin.HOST_TOKEN, "Origin", "https://evil.example");

            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.json().get("code").asText()).isEqualTo("PLUGIN_PERMISSION_DENIED");
            assertThat(foreign.json().get("error").asText()).contains("https://evil.example");
            assertThat(crossSite.status()).isEqualTo(403);
            assertThat(own.status()).isEqualTo(200);
            assertThat(tokenFromAnywhere.status()).isEqualTo(200);
        }
    }
}
