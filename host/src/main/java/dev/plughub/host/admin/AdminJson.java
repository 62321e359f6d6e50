package dev.plughub.host.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.plughub.core.text.ForbiddenCharacters;
import dev.plughub.core.text.JsonProblems;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.io.EofException;

/**
 * JSON in and out of the admin API, independent of the JSON settings of the server it is mounted on:
 * answers are built as plain maps with their field names written out, so they read exactly as the
 * seeds show whatever mapper the application configured.
 */
final class AdminJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    /** Strict where parsers disagree: a key given twice (which value wins varies) and text after the body. */
    private static final ObjectReader BODY = JSON.readerFor(Object.class)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private AdminJson() {
    }

    /** The body as a JSON object; empty means no fields. Anything else is a 422 naming the body. */
    static Map<String, Object> body(Context ctx) {
        byte[] bytes = bodyBytes(ctx);
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return Map.of();
        }
        Object value;
        try {
            value = BODY.readValue(bytes);
        } catch (JsonProcessingException e) {
            throw AdminException.invalid(Map.of("body", List.of("is not valid JSON: " + JsonProblems.describe(e))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw AdminException.invalid(Map.of("body", List.of("must be a JSON object")));
        }
        requireFinite(value, "");
        if (ForbiddenCharacters.mayBeEscapedIn(bytes)) {
            ForbiddenCharacters.firstIn(value).ifPresent(path -> {
                throw AdminException.invalid(Map.of(path.isEmpty() ? "body" : path, List.of(ForbiddenCharacters.RULE)));
            });
        }
        return JSON.convertValue(value, OBJECT);
    }

    /** The body as a JSON object that must be there: an empty body is a 422 saying what to send. */
    static Map<String, Object> requiredBody(Context ctx, String whatToSend) {
        String text = new String(bodyBytes(ctx), StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || text.equals("null")) {
            throw AdminException.invalid(Map.of("body", List.of("is required: " + whatToSend)));
        }
        return body(ctx);
    }

    /** Refuses a query parameter (name or value) holding the NUL character, before a route reads it. */
    static void checkQuery(Context ctx) {
        String query = ctx.queryString();
        if (query == null || !query.contains("%00")) {
            return;   // the common case costs one scan of the raw query
        }
        ctx.queryParamMap().forEach((name, values) -> {
            if (ForbiddenCharacters.in(name) || values.stream().anyMatch(ForbiddenCharacters::in)) {
                throw AdminException.invalid(Map.of(ForbiddenCharacters.shown(name), List.of(ForbiddenCharacters.RULE)));
            }
        });
    }

    /** A number like 1e400 reads as infinity, which no field can hold and JSON cannot write back. */
    private static void requireFinite(Object value, String path) {
        switch (value) {
            case Double d when d.isInfinite() -> throw AdminException.invalid(Map.of(path.isEmpty() ? "body" : path,
                    List.of("is a number too large to hold (the largest is about 1.8e308)")));
            case Map<?, ?> map -> map.forEach((key, field) ->
                    requireFinite(field, path.isEmpty() ? String.valueOf(key) : path + "." + key));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    requireFinite(list.get(i), path + "[" + i + "]");
                }
            }
            case null, default -> { }
        }
    }

    /** The body as sent; a 400 when the client stopped sending before the length it announced. */
    private static byte[] bodyBytes(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (Exception e) {   // Javalin, written in Kotlin, lets the IOException through undeclared
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof EofException) {
                    throw new AdminException(400, "BAD_REQUEST", "The request body ended before all of it arrived: the"
                            + " client sent fewer bytes than it announced or closed the connection", Map.of());
                }
            }
            throw e instanceof RuntimeException unchecked ? unchecked
                    : e instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(e);
        }
    }

    /** Writes {@code {"success": true, ...fields}}. */
    static void answer(Context ctx, int status, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.putAll(fields);
        write(ctx, status, body);
    }

    /** Writes the error envelope {@code {"success": false, "error", "code", "details"}}. */
    static void error(Context ctx, int status, String code, String message, Map<String, ?> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message == null || message.isBlank() ? code : message);
        body.put("code", code);
        body.put("details", details);
        write(ctx, status, body);
    }

    private static void write(Context ctx, int status, Map<String, Object> body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an admin answer could not be written as JSON", e);
        }
    }

    /** Seed 002's times: ISO-8601 UTC to the second. */
    static String iso(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static Object iso(Optional<Instant> time) {
        return time.map(AdminJson::iso).orElse(null);
    }

    /**
     * Seed 004's times: seconds since the epoch with a fraction ({@code 1739980000.12}), to the
     * microsecond; a decimal rather than a double so it is written out plainly, never as {@code 1.7E9}.
     */
    static Object epochSeconds(Optional<Instant> time) {
        return time.map(t -> BigDecimal.valueOf(t.getEpochSecond())
                        .add(BigDecimal.valueOf(t.getNano(), 9))
                        .setScale(6, RoundingMode.DOWN))
                .orElse(null);
    }

    /** A map that keeps the order its fields are put in, for answers that read like the seeds. */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
