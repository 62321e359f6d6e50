package dev.plughub.cli;

import java.net.URI;
import picocli.CommandLine.Command;

/** {@code plughub logout}: forgets the saved token for a registry. */
@Command(name = "logout", description = "Forget the token saved for a registry.")
final class LogoutCommand extends ClientCommand {

    @Override
    public Integer call() {
        URI registry = options.registryUrl(env());
        CredentialStore store = new CredentialStore(env().configHome());
        boolean removed = store.remove(registry);
        if (options.json) {
            printJson(json().createObjectNode().put("registry", registry.toString()).put("logged_out", removed));
        } else {
            say(removed ? "Logged out of " + registry + "; the saved token was removed from " + store.file()
                    : "Not logged in to " + registry + "; nothing to do");
        }
        return ExitCodes.OK;
    }
}
