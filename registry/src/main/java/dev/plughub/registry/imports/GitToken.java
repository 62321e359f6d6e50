package dev.plughub.registry.imports;

import java.util.Objects;

/**
 * The token the registry presents to git hosts for private repositories. Its {@link #toString()}
 * never shows the value, so it cannot reach a log line or an answer by accident.
 */
public final class GitToken {

    private final String value;

    public GitToken(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("a git token must not be blank");
        }
        this.value = value;
    }

    /** The secret itself, for the one place that sends it: {@link TokenCredentials}. */
    String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GitToken t && t.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "GitToken[***]";
    }
}
