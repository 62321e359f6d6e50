package dev.plughub.registry.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's documentation: the hand-written OpenAPI description ({@code openapi/openapi.yaml},
 * parsed once at start and served as JSON at {@code /openapi.json}), Swagger UI at {@code /docs} and
 * ReDoc at {@code /redoc}, both served from webjars on the classpath so they work offline.
 */
public final class ApiDocs {

    public static final String DESCRIPTION_RESOURCE = "/openapi/openapi.yaml";
    public static final String OPENAPI_PATH = "/openapi.json";
    public static final String SWAGGER_UI_PATH = "/docs";
    public static final String REDOC_PATH = "/redoc";

    /** Must match the webjar versions in registry/pom.xml (the docs tests fail loudly when they drift). */
    static final String SWAGGER_UI_WEBJAR = "/META-INF/resources/webjars/swagger-ui/5.34.1";
    static final String REDOC_SCRIPT = "/META-INF/resources/webjars/redoc/2.1.4/bundles/redoc.standalone.js";

    private static final String SWAGGER_INITIALIZER = """
            window.onload = function () {
              window.ui = SwaggerUIBundle({
                url: "%s",
                dom_id: "#swagger-ui",
                deepLinking: true,
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                layout: "StandaloneLayout"
              });
            };
            """.formatted(OPENAPI_PATH);

    private static final String REDOC_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Plughub registry API</title>
              <style>body { margin: 0; padding: 0; }</style>
            </head>
            <body>
              <redoc spec-url="%s"></redoc>
              <script src="%s/redoc.standalone.js"></script>
            </body>
            </html>
            """.formatted(OPENAPI_PATH, REDOC_PATH);

    private static final java.util.regex.Pattern SAFE_FILE_NAME = java.util.regex.Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$");
    private static final byte[] MISSING = new byte[0];

    /** Parsing the YAML took an eighth of the server's start-up, so it happens on first use. */
    private volatile byte[] descriptionJson;
    /** Swagger UI's files, read from the webjar on first request (MISSING when the webjar lacks one). */
    private final java.util.Map<String, byte[]> swaggerFiles = new java.util.concurrent.ConcurrentHashMap<>();

    private ApiDocs() {
    }

    /** The documentation, with the description read when first asked for (see {@link #warmUp()}). */
    public static ApiDocs load() {
        return new ApiDocs();
    }

    /** Reads the description now, off the request path (the server calls this once it is up). */
    public void warmUp() {
        description();
    }

    private byte[] description() {
        byte[] json = descriptionJson;
        if (json == null) {
            synchronized (this) {
                json = descriptionJson;
                if (json == null) {
                    json = parse();
                    descriptionJson = json;
                }
            }
        }
        return json;
    }

    private static byte[] parse() {
        try (InputStream in = ApiDocs.class.getResourceAsStream(DESCRIPTION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI description " + DESCRIPTION_RESOURCE + " is not on the classpath");
            }
            JsonNode description = new ObjectMapper(new YAMLFactory()).readTree(in);
            return new ObjectMapper().writeValueAsBytes(description);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI description " + DESCRIPTION_RESOURCE, e);
        }
    }

    /** The description as the JSON served at {@code /openapi.json}. */
    public byte[] descriptionJson() {
        return description().clone();
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.get(OPENAPI_PATH, this::serveDescription);

        // Swagger UI's index.html loads its files by relative links, so it must be seen at /docs/.
        // Plain routes rather than Javalin's static files, whose set-up builds a second Jetty server
        // and cost a third of the registry's start-up time.
        cfg.routes.get(SWAGGER_UI_PATH, ctx -> {
            if (ctx.path().endsWith("/")) {
                serveSwaggerFile(ctx, "index.html");
            } else {
                ctx.redirect(SWAGGER_UI_PATH + "/");
            }
        });
        cfg.routes.get(SWAGGER_UI_PATH + "/swagger-initializer.js", ctx ->
                ctx.contentType("text/javascript; charset=utf-8").result(SWAGGER_INITIALIZER));
        cfg.routes.get(SWAGGER_UI_PATH + "/{file}", ctx -> serveSwaggerFile(ctx, ctx.pathParam("file")));

        cfg.routes.get(REDOC_PATH, ctx -> ctx.html(REDOC_PAGE));
        // A route, not static files: the webjar has no directory entry for bundles/, which Javalin requires.
        cfg.routes.get(REDOC_PATH + "/redoc.standalone.js", ctx -> {
            InputStream script = ApiDocs.class.getResourceAsStream(REDOC_SCRIPT);
            if (script == null) {
                throw new IllegalStateException(REDOC_SCRIPT + " is not on the classpath");
            }
            ctx.header("Cache-Control", "public, max-age=86400");
            ctx.contentType("text/javascript; charset=utf-8").result(script);
        });
    }

    private void serveSwaggerFile(Context ctx, String name) {
        byte[] file = SAFE_FILE_NAME.matcher(name).matches()
                ? swaggerFiles.computeIfAbsent(name, ApiDocs::readSwaggerFile)
                : MISSING;
        if (file == MISSING) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such documentation file: " + name);
        }
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(contentTypeOf(name)).result(file);
    }

    private static byte[] readSwaggerFile(String name) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(SWAGGER_UI_WEBJAR + "/" + name)) {
            return in == null ? MISSING : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentTypeOf(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (name.endsWith(".png")) {
            return "image/png";
        } else if (name.endsWith(".map") || name.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private void serveDescription(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(ContentType.APPLICATION_JSON).result(description());
    }
}
