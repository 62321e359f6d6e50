package dev.plughub.registry.catalog;

import static dev.plughub.registry.catalog.Publishing.OPERATOR;
import static dev.plughub.registry.catalog.Publishing.bearer;
import static dev.plughub.registry.catalog.Publishing.published;
import static dev.plughub.registry.catalog.Publishing.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Deleting a plugin: owners and admins only; the id and its versions stay reserved; its files go. */
class DeleteTest extends RunningRegistry {

    @Test
    void an_owner_deletes_a_plugin_and_it_disappears_everywhere() {
        String carol = Publishing.userToken(api, "carol");
        assertThat(upload(api, TestPackages.zip(files, "doomed", "1.0.0"), bearer(carol)).status()).isEqualTo(201);
        JsonNode path = api.get("/api/v1/plugins/doomed/path").json();
        assertThat(Files.isDirectory(Path.of(path.get("path").asText()))).isTrue();
        long before = api.get("/api/v1/health").json().get("plugins_count").asLong();

        ApiResponse r = api.delete("/api/v1/plugins/doomed", bearer(carol));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(r.json().get("message").asText()).isEqualTo("Plugin doomed deleted");
        assertThat(api.get("/api/v1/plugins/doomed").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/plugins/doomed/versions").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/plugins?search=doomed").json().at("/data/pagination/total").asInt()).isZero();
        assertThat(api.get("/api/v1/health").json().get("plugins_count").asLong()).isEqualTo(before - 1);
        ApiResponse gonePath = api.get("/api/v1/plugins/doomed/path");
        assertThat(gonePath.status()).isEqualTo(404);
        assertThat(gonePath.json().at("/details/exists").asBoolean(true)).isFalse();
        assertThat(Files.exists(Path.of(path.get("path").asText()))).as("extracted files removed").isFalse();
        assertThat(api.delete("/api/v1/plugins/doomed", bearer(carol)).status()).as("deleting twice").isEqualTo(404);
        assertThat(upload(api, TestPackages.zip(files, "doomed", "1.0.0"), bearer(carol)).status()).isEqualTo(409);
    }

    @Test
    void another_user_may_not_delete_nor_take_over_a_deleted_id() {
        String dave = Publishing.userToken(api, "dave");
        String eve = Publishing.userToken(api, "eve");
        upload(api, TestPackages.zip(files, "daves", "1.0.0"), bearer(dave));

        ApiResponse r = api.delete("/api/v1/plugins/daves", bearer(eve));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(api.get("/api/v1/plugins/daves").status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/plugins/daves", bearer(dave)).status()).isEqualTo(200);
        assertThat(upload(api, TestPackages.zip(files, "daves", "2.0.0"), bearer(eve)).status())
                .as("the id stays its owner's").isEqualTo(403);
    }

    @Test
    void deleting_needs_credentials_outside_development_mode() {
        published(api, TestPackages.zip(files, "kept", "1.0.0"));
        ApiResponse r = api.delete("/api/v1/plugins/kept");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");
        assertThat(api.delete("/api/v1/plugins/kept", bearer("bogus")).status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/plugins/kept", OPERATOR).status()).as("admins may").isEqualTo(200);
    }

    @Test
    void deleting_an_unknown_plugin_is_a_404() {
        assertThat(api.delete("/api/v1/plugins/never-was", OPERATOR).json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
    }
}
