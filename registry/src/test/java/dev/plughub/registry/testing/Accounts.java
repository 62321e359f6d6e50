package dev.plughub.registry.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts for the HTTP tests: registering users, the operator key, bearer headers. */
public final class Accounts {

    /** The operator's API key as a header pair. */
    public static final String[] OPERATOR = {"X-API-Key", TestRegistry.OPERATOR_KEY};

    private Accounts() {
    }

    /** Registers a user and answers their login token (scopes publish and review), insisting it worked. */
    public static String register(Api api, String username) {
        ApiResponse r = api.postJson("/api/v1/auth/register",
                "{\"username\":\"" + username + "\",\"password\":\"correct-horse-battery\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().path("data").path("token").asText();
    }

    /** An {@code Authorization: Bearer} header pair. */
    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
