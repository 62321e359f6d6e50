package dev.plughub.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports do not take settings from the git configuration of the account the registry runs as. */
class PlainGitConfigTest {

    @TempDir
    Path home;

    @Test
    void the_accounts_git_configuration_is_not_read() throws Exception {
        Path gitconfig = Files.writeString(home.resolve(".gitconfig"), """
                [http]
                \tsslVerify = false
                \tproxy = http://127.0.0.1:3128
                [url "https://mirror.invalid/"]
                \tinsteadOf = https://github.com/
                """);
        SystemReader account = new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public FileBasedConfig openUserConfig(Config parent, FS fs) {
                return new FileBasedConfig(parent, gitconfig.toFile(), fs);
            }
        };
        assertThat(account.getUserConfig().getBoolean("http", "sslVerify", true))
                .as("JGit reads the account's file by default").isFalse();

        SystemReader plain = new PlainGitConfig(account);

        assertThat(plain.getUserConfig().getBoolean("http", "sslVerify", true)).isTrue();
        assertThat(plain.getUserConfig().getString("http", null, "proxy")).isNull();
        assertThat(plain.getUserConfig().getSubsections("url")).isEmpty();
        assertThat(plain.getSystemConfig().getSections()).isEmpty();
        assertThat(plain.getJGitConfig().getSections()).isEmpty();
    }

    @Test
    void installing_twice_wraps_jgits_reader_once() {
        PlainGitConfig.install();
        SystemReader installed = SystemReader.getInstance();
        PlainGitConfig.install();

        assertThat(installed).isInstanceOf(PlainGitConfig.class);
        assertThat(SystemReader.getInstance()).isSameAs(installed);
    }
}
