package dev.plughub.registry.accounts;

import java.util.Locale;
import java.util.Optional;

/** What a personal access token may be used for. */
public enum TokenScope {
    PUBLISH,
    REVIEW,
    ADMIN;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TokenScope> fromApiName(String name) {
        for (TokenScope s : values()) {
            if (s.apiName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
