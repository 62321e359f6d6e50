package dev.plughub.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.core.text.NulCharacters;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the registry refuses the NUL character ({@link NulCharacters}): in query parameters, JSON
 * bodies and form fields, each a 422 naming the field, before anything is read or stored. (A NUL in
 * the path is refused by the HTTP server as a malformed path, and a manifest's by its reader.)
 */
public final class NulText {

    /** What a NUL looks like in a raw query, and in JSON text (the escape of code point 0). */
    private static final String IN_QUERY = "%00";
    private static final byte[] IN_JSON = "\\u0000".getBytes(StandardCharsets.US_ASCII);

    private NulText() {
    }

    /** Refuses any request whose query holds a NUL, before a route reads it. */
    public static void register(RoutesConfig routes) {
        routes.before(NulText::checkQuery);
    }

    private static void checkQuery(Context ctx) {
        String query = ctx.queryString();
        if (query == null || !query.contains(IN_QUERY)) {
            return;   // the common case costs one scan of the raw query
        }
        ctx.queryParamMap().forEach((name, values) -> {
            if (NulCharacters.in(name) || values.stream().anyMatch(NulCharacters::in)) {
                throw refused(NulCharacters.shown(name));
            }
        });
    }

    /** Refuses a JSON body with a NUL in any string or key; {@code raw} is the body it was read from. */
    static void check(JsonNode body, byte[] raw) {
        if (!contains(raw, IN_JSON)) {
            return;
        }
        Optional<String> path = NulCharacters.firstIn(Json.mapper().convertValue(body, Object.class));
        if (path.isPresent()) {
            throw refused(path.get().isEmpty() ? "body" : path.get());
        }
    }

    /** Refuses a form field's value that holds a NUL. */
    public static String check(String field, String value) {
        if (NulCharacters.in(value)) {
            throw refused(field);
        }
        return value;
    }

    private static ApiException refused(String field) {
        return ApiException.validation(Map.of(field, List.of(field + " " + NulCharacters.RULE)));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
