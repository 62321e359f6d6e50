package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A token the registry issued at login, with whom it belongs to. {@link #toString()} leaves out the
 * token and the raw answer (which holds it too), so logging a session never leaks the secret.
 */
public record Session(String token, String username, Optional<Instant> expiresAt, JsonNode raw) {

    @Override
    public String toString() {
        return "Session[username=" + username + ", token=***, expiresAt=" + expiresAt.map(Instant::toString).orElse("none") + "]";
    }
}
