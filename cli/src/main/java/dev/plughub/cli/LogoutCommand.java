package dev.plughub.cli;

import dev.plughub.client.RegistryAddress;
import dev.plughub.client.RegistryException;
import dev.plughub.client.RegistryUnreachableException;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code plughub logout}: revokes the saved token on the registry, so a copy of it stops working too,
 * then forgets it. A registry that cannot be reached does not keep the user logged in locally; they
 * are told the token stays valid there until it expires.
 */
@Command(name = "logout", description = "Revoke the token saved for a registry and forget it.")
final class LogoutCommand extends ClientCommand {

    @Override
    public Integer call() {
        URI registry = options.registryUrl(env());
        CredentialStore store = new CredentialStore(env().configHome());
        Optional<CredentialStore.Credential> saved = store.find(registry);
        Optional<String> unrevoked = saved.flatMap(credential -> revoke(registry, credential.token()));
        String shown = RegistryAddress.shown(registry);
        boolean removed = store.remove(registry);
        if (options.json) {
            printJson(json().createObjectNode().put("registry", shown).put("logged_out", removed)
                    .put("revoked", saved.isPresent() && unrevoked.isEmpty()));
        } else if (!removed) {
            say("Not logged in to " + shown + "; nothing to do");
        } else {
            say("Logged out of " + shown + "; the saved token was removed from " + store.file()
                    + unrevoked.map(why -> " (" + why + ")").orElse(" and revoked on the registry"));
        }
        return ExitCodes.OK;
    }

    /** Empty when the registry revoked the token (or it no longer worked anyway), else why not. */
    private Optional<String> revoke(URI registry, String token) {
        try {
            options.client(env(), registry).withToken(token).logout();
            return Optional.empty();
        } catch (RegistryException e) {
            return e.status() == 401 ? Optional.empty()
                    : Optional.of("the registry did not revoke it: " + e.getMessage());
        } catch (RegistryUnreachableException e) {
            return Optional.of("the registry could not be reached, so the token stays valid there until it expires");
        }
    }
}
