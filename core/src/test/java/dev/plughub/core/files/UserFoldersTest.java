package dev.plughub.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserFoldersTest {

    private static final Path JVM_HOME = Path.of(System.getProperty("user.home"));

    @Test
    void home_is_the_environment_s_home_before_the_jvm_s() {
        assertThat(UserFolders.home(Map.of("HOME", "/tmp/elsewhere"))).hasValue(Path.of("/tmp/elsewhere"));
        assertThat(UserFolders.configHome(Map.of("HOME", "/tmp/elsewhere"))).hasValue(Path.of("/tmp/elsewhere/.config"));
        assertThat(UserFolders.cacheHome(Map.of("HOME", "/tmp/elsewhere"))).hasValue(Path.of("/tmp/elsewhere/.cache"));
    }

    @Test
    void without_home_the_jvm_s_user_home_is_used() {
        assertThat(UserFolders.home(Map.of())).hasValue(JVM_HOME);
        assertThat(UserFolders.configHome(Map.of())).hasValue(JVM_HOME.resolve(".config"));
    }

    @Test
    void xdg_folders_come_first_and_relative_or_blank_values_count_as_unset() {
        Map<String, String> env = Map.of("HOME", "/home/ada", "XDG_CONFIG_HOME", "/etc/ada", "XDG_CACHE_HOME", "cache");
        assertThat(UserFolders.configHome(env)).hasValue(Path.of("/etc/ada"));
        assertThat(UserFolders.cacheHome(env)).hasValue(Path.of("/home/ada/.cache"));
        assertThat(UserFolders.home(Map.of("HOME", "  "))).hasValue(JVM_HOME);
        assertThat(UserFolders.home(Map.of("HOME", "relative/home"))).hasValue(JVM_HOME);
    }
}
