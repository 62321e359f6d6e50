package dev.plughub.host.admin;

/** Who is calling the admin API, by the credential presented. */
public enum AdminCaller {
    /** The operator key ({@code PLUGHUB_API_KEY}): every right, secrets included on request. */
    OPERATOR,
    /** The host token ({@code PLUGHUB_HOST_TOKEN}): manages plugins but never sees secrets in clear. */
    HOST_TOKEN;

    public boolean maySeeSecrets() {
        return this == OPERATOR;
    }
}
