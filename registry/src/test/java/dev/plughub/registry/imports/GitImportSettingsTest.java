package dev.plughub.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.RegistryConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitImportSettingsTest {

    @Test
    void reads_the_allow_list_the_token_its_hosts_and_the_time_limit_from_the_environment() {
        GitImportSettings s = GitImportSettings.fromEnvironment(Map.of(
                "PLUGHUB_OUTBOUND_ALLOW", "127.0.0.1, git.internal",
                "GITHUB_TOKEN", "ghp_from_github_variable",
                "PLUGHUB_GIT_TOKEN_HOSTS", "GitHub.com, git.internal",
                "PLUGHUB_GIT_TIMEOUT_SECONDS", "15"));

        assertThat(s.outbound().allowsHost("git.internal")).isTrue();
        assertThat(s.token()).contains(new GitToken("ghp_from_github_variable"));
        assertThat(s.tokenHosts()).containsExactlyInAnyOrder("github.com", "git.internal");
        assertThat(s.timeLimit()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void prefers_plughub_git_token_to_github_token() {
        GitImportSettings s = GitImportSettings.fromEnvironment(Map.of("GITHUB_TOKEN", "a", "PLUGHUB_GIT_TOKEN", "b"));
        assertThat(s.token()).contains(new GitToken("b"));
    }

    @Test
    void without_settings_nothing_is_allowed_and_the_token_goes_only_to_github() {
        GitImportSettings s = GitImportSettings.fromEnvironment(Map.of());
        assertThat(s.outbound().isEmpty()).isTrue();
        assertThat(s.token()).isEmpty();
        assertThat(s.tokenHosts()).containsExactly("github.com");
        assertThat(s.timeLimit()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void the_token_never_shows_in_the_printed_configuration() {
        RegistryConfig config = RegistryConfig.fromEnvironment(Map.of("PLUGHUB_GIT_TOKEN", "ghp_secret_value"));
        assertThat(config.toString()).doesNotContain("ghp_secret_value").contains("GitToken[***]");
    }

    @Test
    void a_bad_value_is_refused_with_the_variable_named() {
        assertThatThrownBy(() -> GitImportSettings.fromEnvironment(Map.of("PLUGHUB_GIT_TIMEOUT_SECONDS", "soon")))
                .hasMessageContaining("PLUGHUB_GIT_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> GitImportSettings.fromEnvironment(Map.of("PLUGHUB_OUTBOUND_ALLOW", "10.0.0.0/99")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
