package dev.plughub.registry.http;

import com.fasterxml.jackson.core.JacksonException;
import dev.plughub.core.text.JsonProblems;
import dev.plughub.registry.storage.BlobStoreOutage;
import dev.plughub.registry.storage.DatabaseOutage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import jakarta.servlet.ServletException;
import java.nio.file.FileSystemException;
import java.util.Map;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to the error envelope: our own {@link ApiException}s, Javalin's 404/405 for
 * unknown routes and wrong methods, bad JSON bodies, multipart limits, and anything unexpected (500,
 * logged, no internals shown) — except a database or a package store that cannot be reached, which is
 * a 503 {@code DATABASE_UNAVAILABLE} or {@code STORAGE_UNAVAILABLE} with {@code Retry-After}, wherever
 * the route met it.
 */
public final class HttpErrors {

    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> respond(ctx, e.code(), e.getMessage(), e.details()));
        routes.exception(HttpResponseException.class, HttpErrors::javalinResponse);
        routes.exception(ValidationException.class, (e, ctx) ->
                respond(ctx, ErrorCode.BAD_REQUEST, "A request parameter is invalid", Map.of("errors", e.getErrors())));
        routes.exception(JacksonException.class, (e, ctx) ->
                respond(ctx, ErrorCode.INVALID_JSON, "The request body is not valid JSON for this operation: "
                        + JsonProblems.describe(e), Map.of()));
        routes.exception(ServletException.class, HttpErrors::servletFailure);
        routes.exception(Exception.class, (e, ctx) -> {
            Throwable cause = rootOf(e);
            if (cause instanceof JacksonException je) {
                respond(ctx, ErrorCode.INVALID_JSON, "The request body is not valid JSON for this operation: "
                        + JsonProblems.describe(je), Map.of());
                return;
            }
            if (cause instanceof ApiException ae) {
                respond(ctx, ae.code(), ae.getMessage(), ae.details());
                return;
            }
            if (bodyCutShort(e)) {   // the client's doing, so not logged: one per second would flood the log
                respond(ctx, ErrorCode.BAD_REQUEST, "The request body ended before all of it arrived: the client"
                        + " sent fewer bytes than it announced or closed the connection", Map.of());
                return;
            }
            if (diskFull(e)) {
                fullDisk(ctx, e);
                return;
            }
            if (DatabaseOutage.isConnectionFailure(e)) {   // logged once per outage by DatabaseOutage, not here
                ctx.header("Retry-After", Long.toString(DatabaseOutage.RETRY_AFTER.toSeconds()));
                respond(ctx, ErrorCode.DATABASE_UNAVAILABLE, "The database is unreachable; try again shortly", Map.of());
                return;
            }
            if (BlobStoreOutage.isUnreachable(e)) {   // logged once per outage by BlobStoreOutage, not here
                ctx.header("Retry-After", Long.toString(BlobStoreOutage.RETRY_AFTER.toSeconds()));
                respond(ctx, ErrorCode.STORAGE_UNAVAILABLE, "The package store is unreachable; try again shortly",
                        Map.of());
                return;
            }
            log.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, ErrorCode.INTERNAL_ERROR, "Internal server error", Map.of());
        });
    }

    private static void javalinResponse(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String allow = e.getDetails().get("availableMethods");
        if (status == 405) {
            if (allow != null) {
                allow = allow + ", OPTIONS";
                ctx.header("Allow", allow);
                if (ctx.method() == HandlerType.OPTIONS) {   // RFC 9110 §9.3.7: what the resource allows
                    ctx.status(204);
                    return;
                }
            }
            respond(ctx, ErrorCode.METHOD_NOT_ALLOWED, "Method " + ctx.method() + " is not allowed on " + ctx.path(),
                    allow == null ? Map.of() : Map.of("allowed_methods", allow));
        } else if (status == 404) {
            respond(ctx, ErrorCode.NOT_FOUND, "No such endpoint: " + ctx.method() + " " + ctx.path(), Map.of());
        } else if (status == 413) {
            ApiException tooLarge = JsonBodies.tooLarge();
            respond(ctx, tooLarge.code(), tooLarge.getMessage(), tooLarge.details());
        } else {
            ctx.status(status).json(new ErrorBody(false, e.getMessage(), "HTTP_" + status, null));
        }
    }

    /** Whether a multipart failure is the server's size limits (Jetty says so only in its message). */
    public static boolean isSizeLimit(ServletException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("exceeded") || message.contains("too large") || message.contains("max file size")) {
                return true;
            }
        }
        return false;
    }

    private static void servletFailure(ServletException e, Context ctx) {
        if (isSizeLimit(e)) {   // the publish routes answer their own, with the limit; this is for any other multipart body
            respond(ctx, ErrorCode.PACKAGE_TOO_LARGE, "The upload is larger than this registry accepts", Map.of());
            return;
        }
        if (diskFull(e)) {
            fullDisk(ctx, e);
            return;
        }
        if (rootOf(e) instanceof FileSystemException serverSide) {   // the upload folder, not the request: no path shown
            log.error("Cannot keep an upload on {} {}: {}", ctx.method(), ctx.path(), serverSide.toString());
            respond(ctx, ErrorCode.INTERNAL_ERROR, "The server could not keep the upload on its disk; nothing was stored,"
                    + " and the operator has been told", Map.of());
            return;
        }
        String reason = firstLine(rootOf(e).getMessage()).replaceFirst("^\\d{3}: ", "");
        respond(ctx, ErrorCode.BAD_REQUEST, "The multipart request could not be read"
                + (reason.isBlank() ? "" : ": " + reason), Map.of());
    }

    /**
     * Whether a failure is the server's disk, or its SQLite database, being full: the client's request
     * was fine, and sending it again once space is freed will work.
     */
    static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("No space left on device") || message.contains("SQLITE_FULL")
                    || message.contains("database or disk is full")) {
                return true;
            }
        }
        return false;
    }

    private static void fullDisk(Context ctx, Throwable e) {
        log.warn("The disk is full: {} {} failed ({}); free space in the data folder", ctx.method(), ctx.path(),
                firstLine(String.valueOf(rootOf(e).getMessage())));
        respond(ctx, ErrorCode.INSUFFICIENT_STORAGE, "The server's disk is full, so nothing was stored; try again later"
                + " (the operator has been told)", Map.of());
    }

    /** Whether reading the request failed because the client stopped sending before its body was complete. */
    private static boolean bodyCutShort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EofException) {
                return true;
            }
        }
        return false;
    }

    public static void respond(Context ctx, ErrorCode code, String message, Map<String, ?> details) {
        ctx.status(code.status()).json(ErrorBody.of(code, message, details));
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof ApiException || t instanceof JacksonException) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
