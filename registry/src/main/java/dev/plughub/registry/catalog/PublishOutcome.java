package dev.plughub.registry.catalog;

import dev.plughub.registry.catalog.CatalogViews.Published;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import java.util.Map;

/** How a publish ended: the version is stored, or it was refused for a reason the client is told. */
public sealed interface PublishOutcome {

    /** Stored: the package blob and its rows are committed. */
    record Accepted(Published version, String source) implements PublishOutcome {
    }

    /** Refused: nothing was stored (apart from, at most, a blob the orphan sweep removes). */
    record Rejected(ErrorCode code, String message, Map<String, ?> details) implements PublishOutcome {

        public ApiException toException() {
            return new ApiException(code, message, details);
        }
    }
}
