package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** A token the registry issued at login, with whom it belongs to. */
public record Session(String token, String username, Optional<Instant> expiresAt, JsonNode raw) {
}
