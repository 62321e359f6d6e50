package dev.plughub.registry.imports;

import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import java.nio.file.Path;
import java.util.Map;

/** How fetching a folder of a git repository ended: packaged, or refused for a reason the user is told. */
public sealed interface FetchOutcome {

    /**
     * The folder at one commit, packaged as a zip that the publish path reads like an upload.
     *
     * @param file       the zip in the upload folder; publishing consumes it
     * @param fileName   a name for it ({@code <repository>.zip}), the format hint an upload's name gives
     * @param repository the repository URL as the user gave it
     * @param commit     the full commit id the files come from
     */
    record Fetched(Path file, String fileName, String repository, String commit) implements FetchOutcome {
    }

    record Refused(ErrorCode code, String message, Map<String, ?> details) implements FetchOutcome {

        public ApiException toException() {
            return new ApiException(code, message, details);
        }
    }
}
