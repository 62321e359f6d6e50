package dev.plughub.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Asks for a user name and password: on the console when there is one, else from stdin when told to. */
final class Credentials {

    private Credentials() {
    }

    static String username(String given, CliEnvironment env) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        Console console = env.terminal().console().orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "--username is required when there is no terminal to ask on"));
        String name = Optional.ofNullable(console.readLine("Username: ")).orElse("").trim();
        if (name.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "A user name is required");
        }
        return name;
    }

    static String password(boolean fromStdin, boolean confirm, CliEnvironment env) {
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new CliException(ExitCodes.USAGE, "--password-stdin was given but stdin held no password");
                }
                return line;
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "Cannot read the password from stdin: " + e.getMessage(), e);
            }
        }
        Console console = env.terminal().console().orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "There is no terminal to ask for the password on; pipe it in with --password-stdin"));
        char[] password = console.readPassword("Password: ");
        if (password == null || password.length == 0) {
            throw new CliException(ExitCodes.USAGE, "A password is required");
        }
        if (confirm) {
            char[] again = console.readPassword("Password (again): ");
            if (again == null || !new String(again).equals(new String(password))) {
                throw new CliException(ExitCodes.USAGE, "The two passwords differ");
            }
        }
        return new String(password);
    }
}
