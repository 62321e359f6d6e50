package dev.plughub.host.admin;

/** Who is calling the admin API, by the credential presented. */
public enum AdminCaller {
    /** The operator key ({@code PLUGHUB_API_KEY}): every right, secrets included on request. */
    OPERATOR,
    /** The host token ({@code PLUGHUB_HOST_TOKEN}): manages plugins but never sees secrets in clear. */
    HOST_TOKEN,
    /**
     * A staff member's session cookie ({@code plughub_session} or seed 004's {@code nebula_session}):
     * manages plugins like the host token; secrets in clear still need the operator key, since a
     * cookie travels with every request a browser makes.
     */
    STAFF_SESSION;

    public boolean maySeeSecrets() {
        return this == OPERATOR;
    }
}
