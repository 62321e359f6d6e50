package dev.plughub.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.core.text.ForbiddenCharacters;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the registry refuses the NUL character and unpaired surrogates ({@link ForbiddenCharacters}):
 * in query parameters, JSON bodies and form fields, each a 422 naming the field, before anything is
 * read or stored. (A NUL in the path is refused by the HTTP server as a malformed path, and a
 * manifest's by its reader. Queries and form fields are decoded as UTF-8, which cannot encode a
 * surrogate, so only a JSON escape can make one.)
 */
public final class ForbiddenText {

    /** What a NUL looks like in a raw query. */
    private static final String IN_QUERY = "%00";

    private ForbiddenText() {
    }

    /**
     * Refuses any request to the registry's routes whose query holds a NUL, before a route reads it.
     * Routes mounted beside the registry ({@code RouteExtension}) answer in their own API's words.
     */
    public static void register(RoutesConfig routes) {
        routes.before("/api/*", ForbiddenText::checkQuery);
        routes.before("/pf4j/*", ForbiddenText::checkQuery);
    }

    private static void checkQuery(Context ctx) {
        String query = ctx.queryString();
        if (query == null || !query.contains(IN_QUERY)) {
            return;   // the common case costs one scan of the raw query
        }
        ctx.queryParamMap().forEach((name, values) -> {
            if (ForbiddenCharacters.in(name) || values.stream().anyMatch(ForbiddenCharacters::in)) {
                throw refused(ForbiddenCharacters.shown(name));
            }
        });
    }

    /** Refuses a JSON body with a forbidden character in any string or key; {@code raw} is the body it was read from. */
    static void check(JsonNode body, byte[] raw) {
        if (!ForbiddenCharacters.mayBeEscapedIn(raw)) {
            return;   // the common case costs one scan of the raw body
        }
        Optional<String> path = ForbiddenCharacters.firstIn(Json.mapper().convertValue(body, Object.class));
        if (path.isPresent()) {
            throw refused(path.get().isEmpty() ? "body" : path.get());
        }
    }

    /** Refuses a form field's value that holds a forbidden character. */
    public static String check(String field, String value) {
        if (ForbiddenCharacters.in(value)) {
            throw refused(field);
        }
        return value;
    }

    private static ApiException refused(String field) {
        return ApiException.validation(Map.of(field, List.of(field + " " + ForbiddenCharacters.RULE)));
    }
}
