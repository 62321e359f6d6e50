package dev.plughub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The registry answered with an error: the HTTP status, and the stable code, sentence and details of
 * its error envelope ({@code {"success": false, "error": …, "code": …, "details": …}}).
 */
public final class RegistryException extends PlughubClientException {

    private final int status;
    private final String code;
    private final JsonNode details;

    public RegistryException(int status, String code, String message, JsonNode details) {
        super(message, null);
        this.status = status;
        this.code = code;
        this.details = details == null ? NullNode.getInstance() : details;
    }

    public int status() {
        return status;
    }

    /** The stable error code, e.g. {@code VERSION_EXISTS}; {@code HTTP_<status>} when the answer had none. */
    public String code() {
        return code;
    }

    /** The envelope's {@code details} object, or a JSON null when it had none. */
    public JsonNode details() {
        return details;
    }
}
