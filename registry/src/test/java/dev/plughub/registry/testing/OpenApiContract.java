package dev.plughub.registry.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an answer against the OpenAPI description ({@code openapi/openapi.yaml}, the file served at
 * {@code /openapi.json}), loaded once. Status, content type, JSON body (against its schema) and the
 * described headers must agree with what the description says of the operation the request reached;
 * otherwise an {@link AssertionError} carries the validator's report and fails the test.
 *
 * <p>A request to a path or method the description lacks fails too, unless it was answered 404 or
 * 405 in the error envelope (tests of unknown routes and wrong methods), and OPTIONS with 204 and Allow. Binary answers of
 * operations marked {@code x-plughub-binary} (downloads) are checked for status and headers only.
 */
public final class OpenApiContract {

    public static final String DESCRIPTION_RESOURCE = "/openapi/openapi.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERROR_CODE = Pattern.compile("^[A-Z][A-Z0-9_]*$");

    private static final String DESCRIPTION_TEXT = readDescription();
    /** The description as a tree, to find operations and read what the validator does not (binary answers). */
    private static final JsonNode DESCRIPTION = parseYaml(DESCRIPTION_TEXT);
    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(DESCRIPTION_TEXT)
                    // Objects may gain fields later: an undescribed field is not an error (JSON Schema's default).
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                            .build())
                    .build();

    private OpenApiContract() {
    }

    /** The description, parsed (for tests about the description itself). */
    public static JsonNode description() {
        return DESCRIPTION.deepCopy();
    }

    /** Throws an AssertionError saying what is wrong when the answer does not match the description. */
    public static void check(String method, String pathAndQuery, String requestContentType, byte[] requestBody,
                             ApiResponse response) {
        String path = pathOnly(pathAndQuery);
        String verb = method.toUpperCase(Locale.ROOT);
        Optional<JsonNode> operation = operation(verb, path);
        if (operation.isEmpty() && verb.equals("HEAD") && operation("GET", path).isPresent()) {
            // HEAD answers what GET does, without the body (http/HeadRoutes): its GET describes it
            if (response.body().length > 0) {
                throw new AssertionError("HEAD " + pathAndQuery + " was answered with a body: " + response);
            }
            checkStatusAndHeaders("GET", path, operation("GET", path).get(), response);
            return;
        }
        if (operation.isEmpty()) {
            checkUndescribed(verb, pathAndQuery, response);
            return;
        }
        Optional<String> contentType = response.header("Content-Type");
        boolean json = contentType.map(OpenApiContract::isJson).orElse(false);
        if (operation.get().path("x-plughub-binary").asBoolean(false) && (!json || response.body().length == 0)) {
            checkStatusAndHeaders(verb, path, operation.get(), response);
            return;
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        response.headers().forEach((name, values) -> {
            if (name != null) {
                answer.withHeader(name, values);
            }
        });
        if (response.body().length > 0) {
            answer.withBody(response.body());
        }
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(verb), answer.build());
        if (report.hasErrors()) {
            throw new AssertionError("The answer to " + verb + " " + pathAndQuery + " does not match the OpenAPI description:\n"
                    + SimpleValidationReportFormat.getInstance().apply(report) + "\nAnswer: " + response);
        }
    }

    /** The operation a request reaches: the described path that matches with the most literal segments. */
    public static Optional<JsonNode> operation(String method, String path) {
        JsonNode best = null;
        int bestLiterals = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = DESCRIPTION.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int literals = matchLiterals(entry.getKey(), path);
            if (literals > bestLiterals) {
                best = entry.getValue();
                bestLiterals = literals;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        JsonNode op = best.get(method.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(op);
    }

    /** The described paths and methods, as "METHOD /path/{param}". */
    public static List<String> describedRoutes() {
        List<String> routes = new ArrayList<>();
        DESCRIPTION.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (List.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(m)) {
                routes.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        return routes;
    }

    private static void checkUndescribed(String method, String pathAndQuery, ApiResponse response) {
        boolean headOfError = method.equals("HEAD") && response.body().length == 0
                && response.header("Content-Type").map(OpenApiContract::isJson).orElse(false);
        if ((response.status() == 404 || response.status() == 405) && (isErrorBody(response) || headOfError)) {
            return;
        }
        if (method.equals("OPTIONS") && response.status() == 204 && response.header("Allow").isPresent()) {
            return;   // the description's preamble: every route answers OPTIONS with what it allows
        }
        throw new AssertionError(method + " " + pathAndQuery + " is not in the OpenAPI description, yet it was answered "
                + response.status() + " (only 404/405 in the error envelope are expected there): " + response);
    }

    private static boolean isErrorBody(ApiResponse response) {
        if (!response.header("Content-Type").map(OpenApiContract::isJson).orElse(false)) {
            return false;
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            return body != null && body.isObject()
                    && body.path("success").isBoolean() && !body.path("success").asBoolean()
                    && body.path("error").isTextual() && !body.path("error").asText().isBlank()
                    && body.path("code").isTextual() && ERROR_CODE.matcher(body.path("code").asText()).matches()
                    && (!body.has("details") || body.get("details").isObject());
        } catch (IOException e) {
            return false;
        }
    }

    /** For binary answers: the status must be described, and so must every required header (and its pattern). */
    private static void checkStatusAndHeaders(String method, String path, JsonNode operation, ApiResponse response) {
        JsonNode described = operation.path("responses").get(Integer.toString(response.status()));
        if (described == null) {
            described = operation.path("responses").get("default");
        }
        if (described == null) {
            throw new AssertionError("Response status " + response.status() + " is not described for " + method + " "
                    + path + ": " + response);
        }
        JsonNode resolved = resolve(described);
        List<String> problems = new ArrayList<>();
        resolved.path("headers").fields().forEachRemaining(h -> {
            JsonNode header = resolve(h.getValue());
            Optional<String> value = response.header(h.getKey());
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    problems.add("the header " + h.getKey() + " is missing");
                }
                return;
            }
            JsonNode schema = resolve(header.path("schema"));
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.get()).find()) {
                problems.add("the header " + h.getKey() + " '" + value.get() + "' does not match " + schema.get("pattern").asText());
            }
            if (schema.has("enum")) {
                List<String> allowed = new ArrayList<>();
                schema.get("enum").forEach(v -> allowed.add(v.asText()));
                if (!allowed.contains(value.get())) {
                    problems.add("the header " + h.getKey() + " '" + value.get() + "' is not one of " + allowed);
                }
            }
            if ("integer".equals(schema.path("type").asText()) && !value.get().matches("\\d+")) {
                problems.add("the header " + h.getKey() + " '" + value.get() + "' is not a whole number");
            }
        });
        JsonNode content = resolved.path("content");
        if (!content.isMissingNode() && content.size() > 0 && !"HEAD".equals(method) && response.body().length > 0) {
            String type = response.header("Content-Type").map(OpenApiContract::mediaType).orElse("");
            if (!content.has(type)) {
                problems.add("the Content-Type '" + type + "' is not one of " + iterableNames(content));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("The answer to " + method + " " + path + " does not match the OpenAPI description: "
                    + String.join("; ", problems) + "\nAnswer: " + response.status() + " " + response.headers());
        }
    }

    /** Follows a local {@code $ref} ("#/components/…"). */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; current.has("$ref") && depth < 10; depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("only local $refs are supported: " + ref);
            }
            current = DESCRIPTION.at(ref.substring(1));
        }
        return current;
    }

    /** The number of literal segments when {@code template} matches {@code path}, or -1. */
    private static int matchLiterals(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) {
                    return -1;
                }
            } else if (t[i].equals(p[i])) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals;
    }

    private static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static boolean isJson(String contentType) {
        String type = mediaType(contentType);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static List<String> iterableNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String readDescription() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(DESCRIPTION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DESCRIPTION_RESOURCE + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parseYaml(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI description is not valid YAML", e);
        }
    }
}
