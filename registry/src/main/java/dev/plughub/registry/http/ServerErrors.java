package dev.plughub.registry.http;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What the HTTP server answers itself, before any route runs — a malformed request line or %-escape
 * (400), a URI or headers too long (414, 431), a body that stops arriving (408), an HTTP version
 * other than 1.0 and 1.1 (505), a request that arrives while the server stops (503),
 * a failure outside the routes (500) — in the API's error envelope, as every route answers, not as
 * Jetty's HTML page.
 */
public final class ServerErrors extends ErrorHandler {

    private static final String PATH_MALFORMED = "The request's path is malformed: ";

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = body(status, status == HttpStatus.BAD_REQUEST_400 ? pathProblem(cause).orElse(message) : message);
        if (status == HttpStatus.BAD_REQUEST_400) {
            // Jetty closes the connection after a request it could not take (a NUL or a bad escape in
            // the path); saying so stops a keep-alive client from sending its next request into it.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Every method gets the envelope (Jetty's default leaves OPTIONS, PUT, DELETE… with an empty body). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** A request the parser could not read at all: the connection writes this body and closes. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    /**
     * What is wrong with a path Jetty refused, read from the exception its URI parser threw: a bad
     * escape is a {@link NumberFormatException}, an escaped NUL an "Illegal character in path".
     */
    static Optional<String> pathProblem(Throwable cause) {
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof NumberFormatException && decodingUri(t)) {   // not a Content-Length that is no number
                return Optional.of(PATH_MALFORMED + QueryEncoding.BAD_ESCAPE);
            }
            if (t instanceof IllegalArgumentException && "Illegal character in path".equals(t.getMessage())) {
                return Optional.of(PATH_MALFORMED + "it holds an escaped NUL character (%00), which no path may contain");
            }
        }
        return Optional.empty();
    }

    private static boolean decodingUri(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().contains("URI")) {
                return true;
            }
        }
        return false;
    }

    static byte[] body(int status, String reason) {
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 408 -> ErrorCode.REQUEST_TIMEOUT;
            case 413 -> ErrorCode.REQUEST_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            case 505 -> ErrorCode.HTTP_VERSION_NOT_SUPPORTED;
            default -> status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
        return Json.bytes(ErrorBody.of(code, sentence(status, reason), null));
    }

    private static String sentence(int status, String reason) {
        String detail = reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status)) ? "" : " (" + reason + ")";
        return switch (status) {
            case 400 -> reason != null && reason.startsWith(PATH_MALFORMED) ? reason : "The request is malformed: it is not valid HTTP" + detail;
            case 404 -> "No such endpoint" + detail;
            case 408 -> "The rest of the request did not arrive in time; the server stopped waiting for it";
            case 413 -> "The request is larger than this server accepts" + detail;
            case 414 -> "The request's URI is longer than this server accepts (8 KiB)";
            case 431 -> "The request's headers are larger than this server accepts (8 KiB)";
            case 503 -> "The server cannot answer right now (it may be stopping); try again shortly";
            case 505 -> "The request's HTTP version is not supported: send HTTP/1.1 (or HTTP/1.0)";
            default -> status >= 500
                    ? "The server failed to answer this request; the operator has been told in the log"
                    : HttpStatus.getMessage(status) + detail;
        };
    }
}
