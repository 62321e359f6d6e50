package dev.plughub.registry.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.plughub.core.text.JsonProblems;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;

/**
 * Request bodies that must be JSON objects: one reading, one set of 400 answers, for every route.
 * The reading is strict where parsers disagree: a key given twice (which value wins differs from one
 * parser to the next, as the manifest reader also refuses) and anything after the object are refused.
 */
public final class JsonBodies {

    /** The largest request body read into memory (JSON, forms); only package uploads may be larger. */
    public static final int MAX_BYTES = 1_000_000;

    private static final ObjectMapper JSON = Json.mapper();
    private static final ObjectReader STRICT = JSON.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    /**
     * The request body, refused with a 413 before a byte of it is read when its Content-Length is over
     * {@link #MAX_BYTES} (Javalin would read up to the limit first, and a client that announced more
     * than it sends would hold the request open).
     */
    public static byte[] read(Context ctx) {
        if (ctx.contentLength() > MAX_BYTES) {
            throw tooLarge();
        }
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Request bodies are read as sent: Content-Encoding '"
                    + encoding.strip() + "' is not accepted; send the JSON uncompressed", Map.of("accepted_encodings", "identity"));
        }
        return ctx.bodyAsBytes();
    }

    /** The 413 for a body over {@link #MAX_BYTES}. */
    public static ApiException tooLarge() {
        return new ApiException(ErrorCode.REQUEST_TOO_LARGE, "The request body is larger than the " + MAX_BYTES
                + " bytes this endpoint accepts; only package uploads may be larger", Map.of("max_bytes", MAX_BYTES));
    }

    /** The body as a JSON object; an empty body is a 400 too (the route needs fields). */
    public static JsonNode requireObject(byte[] body) {
        if (body.length == 0) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body is empty: send a JSON object");
        }
        return objectOrEmpty(body);
    }

    /** The body as a JSON object, where an empty body or {@code null} means no fields at all. */
    public static JsonNode objectOrEmpty(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body is not valid JSON: "
                    + JsonProblems.describe(e));
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body is not valid JSON");
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!node.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body must be a JSON object");
        }
        ForbiddenText.check(node, body);
        return node;
    }
}
