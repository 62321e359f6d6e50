package dev.plughub.registry.imports;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Git imports read no git configuration but their own repository's: not the account's
 * {@code ~/.gitconfig}, not {@code /etc/gitconfig}, not JGit's own file under {@code ~/.config/jgit},
 * all of which JGit reads by default (and the last of which it creates). What a registry fetches
 * must not depend on the account it runs as: a personal {@code http.sslVerify = false},
 * {@code http.proxy}, {@code http.extraHeader} or {@code url.<base>.insteadOf} there would
 * silently apply to every import. JGit reads configuration through one process-wide
 * {@link SystemReader}; this one hands it empty files instead.
 */
final class PlainGitConfig extends SystemReader.Delegate {

    PlainGitConfig(SystemReader delegate) {
        super(delegate);
    }

    /** Makes every later JGit operation in this process read no user, system or JGit configuration. */
    static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof PlainGitConfig)) {
            SystemReader.setInstance(new PlainGitConfig(current));
        }
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return empty(parent, fs);
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return empty(parent, fs);
    }

    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return empty(parent, fs);
    }

    private static FileBasedConfig empty(Config parent, FS fs) {
        return new FileBasedConfig(parent, null, fs) {
            @Override
            public void load() {
                // nothing to read: the point of this reader
            }

            @Override
            public void save() {
                // nothing to write to
            }

            @Override
            public boolean isOutdated() {
                return false;
            }
        };
    }
}
