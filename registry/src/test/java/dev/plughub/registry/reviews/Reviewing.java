package dev.plughub.registry.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestDatabases;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/** Small steps the reviews tests share: users, plugins, ratings, all through HTTP. */
final class Reviewing {

    static final String[] OPERATOR = {"X-API-Key", TestRegistry.OPERATOR_KEY};

    private Reviewing() {
    }

    /** A registered user: their id and login token (scopes publish and review). */
    record User(long id, String username, String token) {
        String[] bearer() {
            return new String[] {"Authorization", "Bearer " + token};
        }
    }

    static User register(Api api, String username) {
        ApiResponse r = api.postJson("/api/v1/auth/register", "{\"username\":\"" + username
                + "\",\"password\":\"correct-horse-battery\",\"display_name\":\"Name of " + username + "\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode data = r.json().get("data");
        return new User(data.at("/user/id").asLong(), username, data.get("token").asText());
    }

    /** Registers {@code count} users named prefix-0 … at once. */
    static List<User> register(Api api, String prefix, int count) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<User>> futures = IntStream.range(0, count)
                    .mapToObj(i -> pool.submit((Callable<User>) () -> register(api, prefix + "-" + i))).toList();
            List<User> users = new java.util.ArrayList<>();
            for (Future<User> f : futures) {
                users.add(f.get());
            }
            return users;
        }
    }

    /** Publishes a plugin; owned by {@code owner} when given, else published with the operator key (no owner). */
    static void publish(Api api, Path dir, String pluginId, User owner) {
        Path zip = TestPackages.zip(dir, pluginId, "1.0.0");
        ApiResponse r = api.request("POST", "/api/v1/plugins/upload")
                .headers(owner == null ? OPERATOR : owner.bearer()).file("plugin_file", zip).send();
        assertThat(r.status()).as("%s", r).isEqualTo(201);
    }

    static ApiResponse rate(Api api, String pluginId, User user, String body) {
        return api.request("POST", "/api/v1/plugins/" + pluginId + "/ratings").headers(user.bearer()).json(body).send();
    }

    static ApiResponse rated(Api api, String pluginId, User user, int stars) {
        ApiResponse r = rate(api, pluginId, user, "{\"rating\":" + stars + "}");
        assertThat(r.status()).as("%s", r).isIn(200, 201);
        return r;
    }

    static ApiResponse review(Api api, String pluginId, User user, String body) {
        return api.request("POST", "/api/v1/plugins/" + pluginId + "/reviews").headers(user.bearer()).json(body).send();
    }

    /** The plugin's detail {@code data}, read past the 1 s detail cache's invalidation (it is invalidated on every rating). */
    static JsonNode detail(Api api, String pluginId) {
        ApiResponse r = api.get("/api/v1/plugins/" + pluginId);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("data");
    }

    /** Sets a plugin's status straight in the database (as a moderator would). */
    static void setStatus(Path dataDir, String pluginId, String status) throws SQLException {
        try (Connection c = TestDatabases.connect(dataDir);
             PreparedStatement s = c.prepareStatement("UPDATE plugins SET status = ? WHERE plugin_id = ?")) {
            s.setString(1, status);
            s.setString(2, pluginId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
