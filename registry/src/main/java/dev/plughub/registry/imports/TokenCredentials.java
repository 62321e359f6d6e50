package dev.plughub.registry.imports;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Answers a git host's request for credentials with the registry's token, but only for the hosts
 * the operator named: the token is worth as much as the private repositories it opens, and an
 * import URL is chosen by the user.
 */
final class TokenCredentials extends CredentialsProvider {

    /** The user name hosts expect beside a token (GitHub accepts any; this one is its documented choice). */
    private static final String USER = "x-access-token";

    private final Optional<GitToken> token;
    private final Set<String> hosts;
    private final RemoteAnswers answers;

    TokenCredentials(Optional<GitToken> token, Set<String> hosts, RemoteAnswers answers) {
        this.token = token;
        this.hosts = hosts;
        this.answers = answers;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        if (token.isEmpty() || uri.getHost() == null || !hosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (CredentialItem item : items) {
            switch (item) {
                case CredentialItem.Username u -> u.setValue(USER);
                case CredentialItem.Password p -> p.setValue(token.get().reveal().toCharArray());
                default -> throw new UnsupportedCredentialItem(uri, item.getClass().getSimpleName() + ":" + item.getPromptText());
            }
        }
        answers.tokenOffered();
        return true;
    }
}
