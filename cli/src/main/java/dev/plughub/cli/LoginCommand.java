package dev.plughub.cli;

import dev.plughub.client.RegistryAddress;
import dev.plughub.client.Session;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plughub login}: exchanges a user name and password for a token and saves it. */
@Command(name = "login", description = "Log in to a registry and save the token for later commands.")
final class LoginCommand extends ClientCommand {

    @Option(names = {"-u", "--username"}, paramLabel = "NAME", description = "User name (asked for when omitted).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
    boolean passwordStdin;

    @Override
    public Integer call() {
        URI registry = options.registryUrl(env());
        String name = Credentials.username(username, env());
        String password = Credentials.password(passwordStdin, false, env());
        Session session = options.reader(env()).login(name, password);
        saveAndReport(this, registry, session, "Logged in to ");
        return ExitCodes.OK;
    }

    /** Saves the session's token for {@code registry} and tells where, shared with {@code register}. */
    static void saveAndReport(ClientCommand command, URI registry, Session session, String verb) {
        CredentialStore store = new CredentialStore(command.env().configHome());
        store.save(registry, session.username(), session.token());
        if (command.options.json) {
            command.printJson(ClientCommand.json().createObjectNode()
                    .put("registry", RegistryAddress.shown(registry))
                    .put("username", session.username())
                    .put("credentials_file", store.file().toString())
                    .put("expires_at", session.expiresAt().map(Object::toString).orElse(null)));
        } else {
            command.say(verb + RegistryAddress.shown(registry) + " as " + session.username() + "; the token is saved in "
                    + store.file());
        }
    }
}
