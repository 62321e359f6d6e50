package dev.plughub.host.admin;

import dev.plughub.host.HostError;
import java.util.List;
import java.util.Map;

/**
 * A refusal by the admin API itself (credentials, malformed requests), answered in the error
 * envelope like the host's own {@link dev.plughub.host.HostException}s.
 */
public final class AdminException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, ?> details;

    AdminException(int status, String code, String message, Map<String, ?> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, ?> details() {
        return details;
    }

    static AdminException authRequired(String message) {
        return new AdminException(401, "AUTH_REQUIRED", message, Map.of());
    }

    static AdminException invalidToken(String message) {
        return new AdminException(401, "INVALID_TOKEN", message, Map.of());
    }

    static AdminException disabled(String message) {
        return new AdminException(503, "ADMIN_API_DISABLED", message, Map.of());
    }

    static AdminException unavailable(String message) {
        return new AdminException(503, "HOST_STARTING", message, Map.of());
    }

    static AdminException forbidden(String message) {
        return new AdminException(HostError.PLUGIN_PERMISSION_DENIED.httpStatus(), HostError.PLUGIN_PERMISSION_DENIED.name(),
                message, Map.of());
    }

    /** 422 with the messages per field: {@code {"field": ["message", …]}}. */
    static AdminException invalid(Map<String, List<String>> errorsByField) {
        return new AdminException(HostError.VALIDATION_ERROR.httpStatus(), HostError.VALIDATION_ERROR.name(),
                "The request is invalid: " + String.join("; ", errorsByField.entrySet().stream()
                        .map(e -> e.getKey() + " " + String.join(", ", e.getValue())).toList()),
                errorsByField);
    }
}
