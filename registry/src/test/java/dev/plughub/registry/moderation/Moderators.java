package dev.plughub.registry.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.Publisher;
import java.nio.file.Path;

/** Steps the moderation, admin and owner tests share: users, admins, publishing as a user. */
final class Moderators {

    static final String[] OPERATOR = Accounts.OPERATOR;

    private Moderators() {
    }

    /** Registers a user and answers their login token (scopes publish and review). */
    static String user(Api api, String username) {
        return Accounts.register(api, username);
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
        return Accounts.bearer(token);
    }

    /** Publishes {@code id@version} as the holder of {@code token}, insisting it worked. */
    static void publish(Api api, Path dir, String token, String id, String version) {
        Publisher.published(api, TestPackages.zip(dir, id, version), Accounts.bearer(token));
    }

    static ApiResponse send(Api api, String method, String path, String json, String... headers) {
        Api.Request request = api.request(method, path).headers(headers);
        if (json != null) {
            request.json(json);
        }
        return request.send();
    }
}
