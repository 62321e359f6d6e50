package dev.plughub.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound guard as a user meets it: a registry with no allow-list refuses every repo_url that
 * would reach its own machine or network, or that carries credentials or a dangerous scheme — with
 * a real git server listening on 127.0.0.1 that it could otherwise have reached.
 */
class OutboundGuardApiTest extends RunningRegistry {

    @TempDir
    static Path repos;
    static GitServer git;
    static String token;

    @BeforeAll
    static void serve() throws Exception {
        try (GitRepos r = GitRepos.create(repos, "local-plugin")) {
            r.file("plugin.json", GitRepos.pluginJson("local-plugin", "1.0.0")).commit("first");
        }
        git = GitServer.serve(repos);
        token = Accounts.register(api, "guarded");
    }

    @AfterAll
    static void stopGit() throws Exception {
        git.close();
    }

    @Test
    void refuses_127_0_0_1_without_the_allow_list() {
        assertRefused(git.url("local-plugin"), "127.0.0.1 is a loopback address");
        assertRefused("https://127.0.0.1:" + git.port() + "/git/local-plugin", "PLUGHUB_OUTBOUND_ALLOW");
        assertThat(api.get("/api/v1/plugins/local-plugin").status()).isEqualTo(404);
    }

    @Test
    void refuses_private_and_link_local_addresses() {
        assertRefused("https://10.0.0.1/team/plugin.git", "private-network address");
        assertRefused("https://169.254.169.254/latest/meta-data/", "link-local address");
        assertRefused("https://[::1]/repo", "loopback");
        assertRefused("https://[fd00::1]/repo", "unique local");
    }

    @Test
    void refuses_a_host_name_that_resolves_to_loopback() {
        assertRefused("https://localhost:" + git.port() + "/git/local-plugin", "localhost resolves to");
    }

    @Test
    void refuses_credentials_in_the_url_without_echoing_them() {
        ApiResponse r = assertRefused("https://alice:hunter2@github.com/alice/plugin", "user name or password");
        assertThat(r.text()).doesNotContain("hunter2");
    }

    @Test
    void refuses_file_ext_and_ssh_urls() {
        assertRefused("file:///etc/passwd", "file://");
        assertRefused("ext::sh -c touch% /tmp/pwned", "ext::");
        assertRefused("ssh://git@github.com/alice/plugin.git", "'ssh'");
        assertRefused("git@github.com:alice/plugin.git", "not a URL");
    }

    @Test
    void refuses_plain_http_and_git_protocol_to_public_hosts_when_not_allowed() {
        assertRefused("git://127.0.0.1/repo", "loopback");
        assertRefused("http://93.184.216.34/alice/plugin", "use https://"); // a public address: only the scheme is wrong
    }

    @Test
    void reports_every_missing_or_mistyped_field_at_once() {
        ApiResponse r = api.postJson("/api/v1/plugins/upload/github", "{\"branch\": 7, \"subdirectory\": \"../x\"}",
                Accounts.bearer(token));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("details").has("repo_url")).isTrue();
        assertThat(r.json().get("details").has("branch")).isTrue();
        assertThat(r.json().get("details").has("subdirectory")).isTrue();
    }

    private ApiResponse assertRefused(String url, String reason) {
        ApiResponse r = GitImportTest.importing(api, token, Map.of("repo_url", url));
        assertThat(r.status()).as("%s → %s", url, r).isEqualTo(422);
        assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.json().at("/details/repo_url/0").asText()).as(url).contains(reason);
        return r;
    }
}
