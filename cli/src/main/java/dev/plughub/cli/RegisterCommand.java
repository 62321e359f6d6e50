package dev.plughub.cli;

import dev.plughub.client.Session;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plughub register}: creates an account and logs in with it. */
@Command(name = "register", description = "Create an account on a registry and log in with it.")
final class RegisterCommand extends ClientCommand {

    @Option(names = {"-u", "--username"}, paramLabel = "NAME", description = "User name (asked for when omitted).")
    String username;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "E-mail address (optional).")
    String email;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
    boolean passwordStdin;

    @Override
    public Integer call() {
        URI registry = options.registryUrl(env());
        String name = Credentials.username(username, env());
        String password = Credentials.password(passwordStdin, true, env());
        Session session = options.reader(env()).register(name, password, Optional.ofNullable(email).filter(e -> !e.isBlank()));
        LoginCommand.saveAndReport(this, registry, session, "Registered and logged in to ");
        return ExitCodes.OK;
    }
}
