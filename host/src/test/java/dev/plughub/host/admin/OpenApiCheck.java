package dev.plughub.host.admin;

import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.OpenApiContract;
import java.util.List;

/** Checks admin answers against the OpenAPI description with the registry's {@link OpenApiContract}. */
final class OpenApiCheck {

    private OpenApiCheck() {
    }

    /** The answer, once it matches the description; an {@link AssertionError} saying what differs otherwise. */
    static ApiResponse check(String method, String pathAndQuery, String contentType, byte[] body, ApiResponse answer) {
        OpenApiContract.check(method, pathAndQuery, contentType, body, answer);
        return answer;
    }

    /** Every described route, as "METHOD /path/{param}". */
    static List<String> describedRoutes() {
        return OpenApiContract.describedRoutes();
    }
}
