package dev.plughub.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the CLI takes from the process around it, handed in so that tests can run the CLI
 * in-process with their own variables, config folder, stdin and terminal.
 *
 * @param variables  the environment variables (PLUGHUB_*)
 * @param configHome the base folder for configuration: {@code $XDG_CONFIG_HOME} or {@code ~/.config}
 * @param workingDir the folder relative paths are taken from (downloads land here by default)
 */
public record CliEnvironment(
        Map<String, String> variables,
        Path configHome,
        Path workingDir,
        InputStream stdin,
        Terminal terminal,
        ShutdownSignal shutdown) {

    /** The real process's environment. */
    public static CliEnvironment system() {
        Map<String, String> env = System.getenv();
        return new CliEnvironment(env, configHome(env, Path.of(System.getProperty("user.home"))),
                Path.of("").toAbsolutePath(), System.in, Terminal.detect(env), ShutdownSignal.jvm());
    }

    /** {@code $XDG_CONFIG_HOME} when it is set to an absolute path (as the XDG spec asks), else {@code ~/.config}. */
    public static Path configHome(Map<String, String> env, Path userHome) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return userHome.resolve(".config");
    }

    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
