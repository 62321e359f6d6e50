package dev.plughub.host;

import java.util.Map;

/** Every failure the host reports: a code, a sentence for the operator, and JSON details. */
public class HostException extends RuntimeException {

    private final HostError code;
    private final Map<String, Object> details;

    public HostException(HostError code, String message, Map<String, Object> details) {
        this(code, message, details, null);
    }

    public HostException(HostError code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public HostException(HostError code, String message) {
        this(code, message, Map.of());
    }

    public HostError code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /**
     * A 422 {@code VALIDATION_ERROR} about one field of the request: {@code details} is
     * {@code {field: [why]}}, the shape every 422 of the admin API has.
     */
    public static HostException invalid(String field, String why, String sentence) {
        return new HostException(HostError.VALIDATION_ERROR, sentence, Map.of(field, java.util.List.of(why)));
    }

    static HostException notFound(String id) {
        return new HostException(HostError.PLUGIN_NOT_FOUND, "no plugin with id '" + id + "' is installed", Map.of("plugin_id", id));
    }
}
