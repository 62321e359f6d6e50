package dev.plughub.registry.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a query string that does not decode — a {@code %} not followed by two hex digits, or
 * escapes that do not spell UTF-8 — with a 400 naming the parameter, before any route reads it.
 * Javalin drops such a parameter silently, which turned {@code ?version=1.1.0%} into a download of
 * the default version and {@code ?search=%ZZ} into the whole catalogue. (The HTTP server refuses
 * the same mistakes in the path itself.)
 */
public final class QueryEncoding {

    /** What is wrong with a '%' that does not start an escape, in a query or (http/ServerErrors) a path. */
    static final String BAD_ESCAPE = "a '%' must be followed by two hex digits (write a literal '%' as %25)";
    private static final int SHOWN = 100;

    private QueryEncoding() {
    }

    /** Checks every request's query before the routes (and {@link ForbiddenText}) read it. */
    public static void register(RoutesConfig routes) {
        routes.before(ctx -> check(ctx.queryString()));
    }

    /** @throws ApiException 400 {@code BAD_REQUEST} naming the first parameter that does not decode */
    static void check(String query) {
        if (query == null || query.indexOf('%') < 0) {
            return;   // the common case costs one scan of the raw query
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            Optional<String> wrongName = problem(rawName);
            if (wrongName.isPresent()) {
                throw refused("The name of the query parameter '" + shown(rawName) + "' is not valid percent-encoding: "
                        + wrongName.get(), rawName);
            }
            if (equals >= 0) {
                String name = decode(rawName);
                String rawValue = pair.substring(equals + 1);
                problem(rawValue).ifPresent(wrong -> {
                    throw refused("The query parameter '" + shown(name) + "' is not valid percent-encoding: " + wrong
                            + " (its value as sent: '" + shown(rawValue) + "')", name);
                });
            }
        }
    }

    /** What is wrong with the %-escapes of {@code raw}, if anything. */
    static Optional<String> problem(String raw) {
        if (raw.indexOf('%') < 0) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                return Optional.of(BAD_ESCAPE);
            }
            bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.of("its %-escapes do not spell UTF-8 text");
        }
    }

    private static String decode(String raw) {
        return java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    private static ApiException refused(String message, String parameter) {
        return new ApiException(ErrorCode.BAD_REQUEST, message, Map.of("parameter", shown(parameter)));
    }

    private static String shown(String text) {
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
    }
}
