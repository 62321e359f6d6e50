package dev.plughub.registry.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;

/** Steps the moderation, admin and owner tests share: users, admins, publishing as a user. */
final class Moderators {

    static final String[] OPERATOR = {"X-API-Key", TestRegistry.OPERATOR_KEY};

    private Moderators() {
    }

    /** Registers a user and answers their login token (scopes publish and review). */
    static String user(Api api, String username) {
        ApiResponse r = api.postJson("/api/v1/auth/register",
                "{\"username\":\"" + username + "\",\"password\":\"correct-horse-battery\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().path("data").path("token").asText();
    }

    /** Registers a user, makes them an admin with the operator key, and answers a fresh login token (admin scope). */
    static String admin(Api api, String username) {
        user(api, username);
        ApiResponse promoted = api.request("PUT", "/api/v1/admin/users/" + username).headers(OPERATOR)
                .json("{\"role\":\"admin\"}").send();
        assertThat(promoted.status()).as("%s", promoted).isEqualTo(200);
        ApiResponse login = api.postJson("/api/v1/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"correct-horse-battery\"}");
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        return login.json().path("data").path("token").asText();
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** Publishes {@code id@version} as the holder of {@code token}, insisting it worked. */
    static void publish(Api api, Path dir, String token, String id, String version) {
        ApiResponse r = api.request("POST", "/api/v1/plugins/upload").bearer(token)
                .file("plugin_file", TestPackages.zip(dir, id, version)).send();
        assertThat(r.status()).as("%s", r).isEqualTo(201);
    }

    static ApiResponse send(Api api, String method, String path, String json, String... headers) {
        Api.Request request = api.request(method, path).headers(headers);
        if (json != null) {
            request.json(json);
        }
        return request.send();
    }
}
