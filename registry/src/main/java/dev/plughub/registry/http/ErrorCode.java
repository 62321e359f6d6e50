package dev.plughub.registry.http;

/** The stable error codes of the API and the HTTP status each one answers with. Defined only here. */
public enum ErrorCode {
    BAD_REQUEST(400),
    INVALID_JSON(400),
    PACKAGE_INVALID(400),
    CHECKSUM_MISMATCH(400),
    AUTH_REQUIRED(401),
    INVALID_CREDENTIALS(401),
    INVALID_TOKEN(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    PLUGIN_NOT_FOUND(404),
    VERSION_NOT_FOUND(404),
    USER_NOT_FOUND(404),
    TOKEN_NOT_FOUND(404),
    REVIEW_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    REQUEST_TIMEOUT(408),       // a body that stopped arriving (http/ServerErrors)
    VERSION_EXISTS(409),
    USERNAME_TAKEN(409),
    EMAIL_TAKEN(409),
    CONFLICT(409),
    DEPENDENCY_CONFLICT(409),   // resolve: no consistent install plan exists
    PRECONDITION_FAILED(412),   // If-Match names another file than the one the download would send
    PACKAGE_TOO_LARGE(413),
    REQUEST_TOO_LARGE(413),     // a body that is not a package, over JsonBodies.MAX_BYTES
    URI_TOO_LONG(414),          // refused by the HTTP server before any route (http/ServerErrors)
    UNSUPPORTED_MEDIA_TYPE(415),
    RANGE_NOT_SATISFIABLE(416),
    VALIDATION_FAILED(422),
    PLUGIN_BANNED(403),
    RATE_LIMITED(429),
    HEADERS_TOO_LARGE(431),     // refused by the HTTP server before any route (http/ServerErrors)
    INTERNAL_ERROR(500),
    UPSTREAM_UNAVAILABLE(502),  // a git host (or other remote) the registry fetches from cannot be reached
    SERVICE_UNAVAILABLE(503),
    DATABASE_UNAVAILABLE(503),  // the metadata database cannot be reached right now (storage/DatabaseOutage)
    STORAGE_UNAVAILABLE(503),
    INSUFFICIENT_STORAGE(507),  // the server's disk (or its database) is full: nothing was stored (HttpErrors)   // the package store (S3) cannot be reached right now (storage/BlobStoreOutage)
    UPSTREAM_TIMEOUT(504),
    HTTP_VERSION_NOT_SUPPORTED(505);   // refused by the HTTP server before any route (http/ServerErrors)      // a fetch from a remote did not finish within its time limit

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
