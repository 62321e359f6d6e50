package dev.plughub.registry.imports;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the git host answered during one import, beyond what JGit's exceptions say: whether it asked
 * for credentials (401/403) or had no repository (404), and whether the registry's token was offered.
 * Turning these into errors needs no parsing of JGit's message texts.
 */
final class RemoteAnswers {

    private final AtomicBoolean askedForCredentials = new AtomicBoolean();
    private final AtomicBoolean notFound = new AtomicBoolean();
    private final AtomicBoolean tokenOffered = new AtomicBoolean();

    void status(int code) {
        if (code == 401 || code == 403) {
            askedForCredentials.set(true);
        } else if (code == 404) {
            notFound.set(true);
        }
    }

    void tokenOffered() {
        tokenOffered.set(true);
    }

    boolean askedForCredentials() {
        return askedForCredentials.get();
    }

    boolean notFound() {
        return notFound.get();
    }

    boolean wasTokenOffered() {
        return tokenOffered.get();
    }
}
