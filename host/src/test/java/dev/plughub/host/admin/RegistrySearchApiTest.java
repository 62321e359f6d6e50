package dev.plughub.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.host.testing.PluginJars;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 002's search filters (category, author, tags, min_rating, sort) and pagination, against a real registry. */
class RegistrySearchApiTest {

    @TempDir
    Path home;

    private HostWithRegistry stack;
    private TestRegistry registry;
    private RunningAdmin admin;

    @BeforeEach
    void start() {
        stack = HostWithRegistry.start(home);
        registry = stack.registry();
        admin = stack.admin();
        publish(PluginJars.plugin("alpha-auth").manifest("category", "security").manifest("author", "Alice")
                .manifest("tags", List.of("auth", "jwt")).manifest("min_host_version", ">=1.0.0"));
        publish(PluginJars.plugin("beta-metrics").manifest("category", "monitoring").manifest("author", "Bob")
                .manifest("tags", List.of("metrics")));
        publish(PluginJars.plugin("gamma-login").manifest("category", "security").manifest("author", "alice")
                .manifest("tags", List.of("auth")));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private void publish(PluginJars.Builder plugin) {
        stack.publish(plugin);
    }

    private List<String> ids(String query) {
        ApiResponse r = admin.get("/system/plugins/search" + query);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("data").get("plugins").findValuesAsText("id");
    }

    private JsonNode pagination(String query) {
        return admin.get("/system/plugins/search" + query).json().get("data").get("pagination");
    }

    @Test
    void filters_by_category_author_and_every_tag() {
        assertThat(ids("?category=security&sort=name")).containsExactly("alpha-auth", "gamma-login");
        assertThat(ids("?author=ALICE&sort=name")).containsExactly("alpha-auth", "gamma-login");
        assertThat(ids("?tags=auth&sort=name")).containsExactly("alpha-auth", "gamma-login");
        assertThat(ids("?tags=auth,jwt")).containsExactly("alpha-auth");
        assertThat(ids("?tags=auth&tags=jwt")).containsExactly("alpha-auth");
        assertThat(ids("?tags%5B%5D=auth&tags%5B%5D=jwt")).as("tags[], as PHP and axios write arrays").containsExactly("alpha-auth");
        assertThat(ids("?category=monitoring&author=alice")).isEmpty();
    }

    @Test
    void filters_by_minimum_rating() {
        String rater = Accounts.register(registry.api(), "rater");
        ApiResponse rated = registry.api().request("POST", "/api/v1/plugins/beta-metrics/ratings")
                .headers(Accounts.bearer(rater)).json("{\"rating\": 5}").send();
        assertThat(rated.status()).as("%s", rated).isIn(200, 201);

        assertThat(ids("?min_rating=4")).containsExactly("beta-metrics");
        assertThat(pagination("?min_rating=4").get("total").asLong()).isEqualTo(1);
        assertThat(ids("?min_rating=0")).hasSize(3);
    }

    @Test
    void sorts_as_asked() {
        assertThat(ids("?sort=name")).containsExactly("alpha-auth", "beta-metrics", "gamma-login");
        assertThat(ids("?sort=name&order=desc")).containsExactly("gamma-login", "beta-metrics", "alpha-auth");
        assertThat(ids("?sort=updated&order=asc")).containsExactly("alpha-auth", "beta-metrics", "gamma-login");
        assertThat(ids("?sort=recent&order=asc")).as("the registry's word for it").isEqualTo(ids("?sort=updated&order=asc"));
        assertThat(ids("?sort=newest")).isEqualTo(ids("?sort=created_at"));
    }

    @Test
    void total_counts_every_match_and_has_next_says_whether_a_later_page_holds_more() {
        JsonNode first = pagination("?per_page=2&sort=name");
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("has_next").asBoolean()).isTrue();
        assertThat(ids("?per_page=2&page=2&sort=name")).containsExactly("gamma-login");
        assertThat(pagination("?per_page=2&page=2").get("has_next").asBoolean()).isFalse();

        // with a filter the host applies itself
        JsonNode byAuthor = pagination("?author=alice&per_page=1");
        assertThat(byAuthor.get("total").asLong()).isEqualTo(2);
        assertThat(byAuthor.get("has_next").asBoolean()).isTrue();
        assertThat(ids("?author=alice&per_page=1&page=2&sort=name")).containsExactly("gamma-login");
        assertThat(pagination("?author=alice&per_page=1&page=2").get("has_next").asBoolean()).isFalse();
    }

    @Test
    void shows_category_last_update_and_host_compatibility_from_the_registry() {
        JsonNode plugin = admin.get("/system/plugins/search?tags=jwt").json().get("data").get("plugins").get(0);

        assertThat(plugin.get("category").asText()).isEqualTo("security");
        assertThat(plugin.get("last_updated").asText()).endsWith("Z");
        assertThat(plugin.get("compatibility").get("host_version").asText()).isEqualTo(">=1.0.0");
        JsonNode other = admin.get("/system/plugins/search?tags=metrics").json().get("data").get("plugins").get(0);
        assertThat(other.get("compatibility").isNull()).isTrue();
    }

    @Test
    void bad_values_are_a_422_naming_each_field() {
        ApiResponse r = admin.get("/system/plugins/search?min_rating=abc&sort=popularity&order=up&per_page=101");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(r.json().get("details").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("min_rating", "sort", "order", "per_page");
        assertThat(r.json().get("details").get("sort").get(0).asText()).contains("name, rating, downloads, updated");
        assertThat(admin.get("/system/plugins/search?min_rating=6").json().get("details").get("min_rating").get(0).asText())
                .isEqualTo("must be from 0 to 5");
        for (String notANumber : new String[] {"NaN", "0x1p1", "4d"}) {   // Java's own parser takes all three
            assertThat(admin.get("/system/plugins/search?min_rating=" + notANumber).status()).as(notANumber).isEqualTo(422);
        }
        assertThat(admin.get("/system/plugins/search?min_rating=4.5").status()).isEqualTo(200);
    }
}
