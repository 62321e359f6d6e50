package dev.plughub.core.files;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The current user's folders as Unix tools find them: {@code $HOME} first (Java's {@code user.home}
 * comes from the password database and ignores it, so a script that points {@code HOME} elsewhere,
 * to keep a run apart, would still have had the real home written to), then the XDG base
 * directories for configuration and caches. A relative value is ignored, as the XDG spec asks.
 */
public final class UserFolders {

    private UserFolders() {
    }

    /** {@code $HOME} when it is an absolute path, else the JVM's {@code user.home}; empty when neither is known. */
    public static Optional<Path> home(Map<String, String> env) {
        return absolute(env.get("HOME")).or(() -> absolute(System.getProperty("user.home")));
    }

    /** {@code $XDG_CONFIG_HOME}, else {@code ~/.config}. */
    public static Optional<Path> configHome(Map<String, String> env) {
        return absolute(env.get("XDG_CONFIG_HOME")).or(() -> home(env).map(home -> home.resolve(".config")));
    }

    /** {@code $XDG_CACHE_HOME}, else {@code ~/.cache}. */
    public static Optional<Path> cacheHome(Map<String, String> env) {
        return absolute(env.get("XDG_CACHE_HOME")).or(() -> home(env).map(home -> home.resolve(".cache")));
    }

    private static Optional<Path> absolute(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();   // not a path on this system (a NUL, say): as if unset
        }
    }
}
