package dev.plughub.cli;

import dev.plughub.core.files.UserFolders;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the CLI takes from the process around it, handed in so that tests can run the CLI
 * in-process with their own variables, config folder, stdin and terminal.
 *
 * @param variables  the environment variables (PLUGHUB_*)
 * @param configHome the base folder for configuration: {@code $XDG_CONFIG_HOME} or {@code $HOME/.config}
 *                   ({@link UserFolders#configHome})
 * @param workingDir the folder relative paths are taken from (downloads land here by default)
 * @param stdout     standard output as bytes, for a download written there ({@code -o -})
 */
public record CliEnvironment(
        Map<String, String> variables,
        Path configHome,
        Path workingDir,
        InputStream stdin,
        OutputStream stdout,
        Terminal terminal,
        ShutdownSignal shutdown) {

    /** The real process's environment. */
    public static CliEnvironment system() {
        Map<String, String> env = System.getenv();
        Path configHome = UserFolders.configHome(env).orElse(Path.of(".config").toAbsolutePath());
        return new CliEnvironment(env, configHome,
                Path.of("").toAbsolutePath(), System.in, System.out, Terminal.detect(env), ShutdownSignal.jvm());
    }

    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
