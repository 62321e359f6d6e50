package dev.plughub.registry.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The error envelope every failed request answers with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(boolean success, String error, String code, Map<String, ?> details) {

    public static ErrorBody of(ErrorCode code, String message, Map<String, ?> details) {
        return new ErrorBody(false, message, code.name(), details == null || details.isEmpty() ? null : details);
    }
}
