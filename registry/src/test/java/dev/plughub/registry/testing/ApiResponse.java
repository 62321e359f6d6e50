package dev.plughub.registry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the server answered: status, headers (names lower-case) and body. */
public record ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** The headers by lower-case name, all but Date (which differs from one answer to the next). */
    public Map<String, List<String>> headersButDate() {
        Map<String, List<String>> named = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (name != null && !name.equalsIgnoreCase("date")) {
                named.put(name.toLowerCase(Locale.ROOT), values);
            }
        });
        return named;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (status " + status + "): " + text(), e);
        }
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst();
    }

    @Override
    public String toString() {
        return status + " " + (body.length > 2000 ? text().substring(0, 2000) + "…" : text());
    }
}
