package dev.plughub.registry.http;

import java.util.List;
import java.util.Map;

/**
 * An expected failure of a request, answered as the error envelope
 * {@code {"success": false, "error": message, "code": code, "details": {...}}}.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, ?> details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, ?> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return code.status();
    }

    public Map<String, ?> details() {
        return details;
    }

    /** 422 with the messages per field, as seed 001 shows. */
    public static ApiException validation(Map<String, List<String>> fieldErrors) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "Validation failed", fieldErrors);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ErrorCode.BAD_REQUEST, message);
    }

    public static ApiException notFound(ErrorCode code, String message) {
        return new ApiException(code, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message);
    }
}
