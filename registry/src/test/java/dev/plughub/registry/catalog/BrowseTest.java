package dev.plughub.registry.catalog;

import static dev.plughub.registry.catalog.Publishing.published;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestDatabases;
import dev.plughub.registry.testing.TestPackages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lists, search, filters, sorting and pagination over a small catalogue published through HTTP
 * (in this order, so created_at sorts are predictable): alpha-monitor, beta-network, gamma-notes,
 * unicode-plugin, script-plugin.
 */
class BrowseTest extends RunningRegistry {

    static final String HOSTILE_TEXT = "<script>alert('x')</script> '; DROP TABLE plugins; -- \"quoted\" & <b>bold</b>";

    @BeforeAll
    static void seed() throws InterruptedException {
        publishSlowly(TestPackages.plugin("alpha-monitor", "1.0.0").name("Alpha System Monitor")
                .description("Watches CPU, memory and disks").tags("system", "monitoring").category("tools").zip(files));
        publishSlowly(TestPackages.plugin("beta-network", "1.0.0").name("Beta Network Scanner")
                .description("Scans the local network").tags("network", "Scanner").category("security").zip(files));
        publishSlowly(TestPackages.plugin("gamma-notes", "0.3.0").name("gamma notes")
                .description("Keeps notes about the system").tags("productivity").category("tools").zip(files));
        publishSlowly(TestPackages.plugin("unicode-plugin", "1.0.0").name("Ünïcödé 插件 🚀")
                .description("日本語の説明 — emoji 🎉 and café").set("author", "Zoë Ångström")
                .set("license", "Licence Ω").tags("网络", "Café").category("Système").zip(files));
        publishSlowly(TestPackages.plugin("script-plugin", "1.0.0").name(HOSTILE_TEXT).description(HOSTILE_TEXT)
                .set("author", HOSTILE_TEXT).category("<b>cat</b>").zip(files));
    }

    /** created_at has millisecond resolution in the store: keep the publishes apart. */
    private static void publishSlowly(Path file) throws InterruptedException {
        published(api, file);
        Thread.sleep(5);
    }

    private static JsonNode list(String query) {
        ApiResponse r = api.get("/api/v1/plugins" + query);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        return r.json().get("data");
    }

    private static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.get("plugins").forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void lists_every_plugin_with_seed_001_fields_and_pagination() {
        JsonNode data = list("");
        assertThat(data.get("plugins")).hasSize(5);
        assertThat(data.get("pagination").toString()).isEqualTo("{\"page\":1,\"limit\":20,\"total\":5,\"pages\":1}");
        JsonNode alpha = data.get("plugins").findParents("id").stream()
                .filter(p -> p.get("id").asText().equals("alpha-monitor")).findFirst().orElseThrow();
        for (String field : List.of("id", "name", "description", "author", "current_version", "downloads", "rating",
                "rating_count", "status", "created_at", "updated_at", "min_geektools_version", "min_host_version",
                "homepage_url", "repository_url", "license", "tags", "category")) {
            assertThat(alpha.has(field)).as(field).isTrue();
        }
        assertThat(alpha.get("current_version").asText()).isEqualTo("1.0.0");
        assertThat(alpha.get("status").asText()).isEqualTo("active");
        assertThat(alpha.get("tags").toString()).isEqualTo("[\"system\",\"monitoring\"]");
        assertThat(alpha.get("category").asText()).isEqualTo("tools");
    }

    @Test
    void sorts_by_name_ascending_by_default_and_descending_on_request() {
        // "<script>…" sorts before letters, "Ünïcödé" after them
        assertThat(ids(list("?sort=name"))).containsExactly("script-plugin", "alpha-monitor", "beta-network",
                "gamma-notes", "unicode-plugin");
        assertThat(ids(list("?sort=name&order=desc"))).containsExactly("unicode-plugin", "gamma-notes", "beta-network",
                "alpha-monitor", "script-plugin");
    }

    @Test
    void sorts_by_creation_time_newest_first_by_default() {
        assertThat(ids(list("?sort=created_at"))).containsExactly("script-plugin", "unicode-plugin", "gamma-notes",
                "beta-network", "alpha-monitor");
        assertThat(ids(list("?sort=created_at&order=asc")).getFirst()).isEqualTo("alpha-monitor");
    }

    @Test
    void every_sort_order_answers() {
        for (String sort : List.of("downloads", "rating", "created_at", "updated_at", "name", "relevance")) {
            assertThat(list("?sort=" + sort).get("plugins")).as(sort).hasSize(5);
        }
    }

    @Test
    void an_unknown_sort_or_order_is_a_422_naming_the_allowed_values() {
        ApiResponse r = api.get("/api/v1/plugins?sort=popularity&order=sideways");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/sort/0").asText()).contains("downloads, rating, created_at, updated_at, name, relevance");
        assertThat(r.json().at("/details/order/0").asText()).contains("asc, desc");
    }

    @Test
    void pages_through_the_list() {
        List<String> all = ids(list("?sort=name"));
        assertThat(ids(list("?sort=name&limit=2"))).isEqualTo(all.subList(0, 2));
        assertThat(ids(list("?sort=name&limit=2&page=2"))).isEqualTo(all.subList(2, 4));
        JsonNode third = list("?sort=name&limit=2&page=3");
        assertThat(ids(third)).isEqualTo(all.subList(4, 5));
        assertThat(third.get("pagination").toString()).isEqualTo("{\"page\":3,\"limit\":2,\"total\":5,\"pages\":3}");
        assertThat(list("?limit=2&page=9").get("plugins")).isEmpty();
        assertThat(list("?limit=500").at("/pagination/limit").asInt()).isEqualTo(100);
        assertThat(api.get("/api/v1/plugins?page=0").status()).isEqualTo(422);
    }

    @Test
    void filters_by_tag_and_category_ignoring_case() {
        assertThat(ids(list("?tag=system"))).containsExactly("alpha-monitor");
        assertThat(ids(list("?tag=scanner"))).containsExactly("beta-network");
        assertThat(ids(list("?tag=" + q("CAFÉ")))).containsExactly("unicode-plugin");
        assertThat(ids(list("?category=tools&sort=name"))).containsExactly("alpha-monitor", "gamma-notes");
        assertThat(ids(list("?category=TOOLS&tag=productivity"))).containsExactly("gamma-notes");
        assertThat(ids(list("?category=" + q("Système")))).containsExactly("unicode-plugin");
        assertThat(list("?tag=nothing").get("plugins")).isEmpty();
    }

    @Test
    void searches_names_descriptions_ids_and_tags_with_prefixes() {
        assertThat(ids(list("?search=monitor"))).containsExactly("alpha-monitor");
        assertThat(ids(list("?search=monit"))).containsExactly("alpha-monitor");
        assertThat(ids(list("?search=network"))).contains("beta-network");
        assertThat(ids(list("?search=productivity"))).containsExactly("gamma-notes");
        assertThat(ids(list("?search=system&sort=name"))).containsExactly("alpha-monitor", "gamma-notes");
        assertThat(ids(list("?search=system&category=tools&tag=productivity"))).containsExactly("gamma-notes");
        assertThat(ids(list("?search=" + q("local network")))).containsExactly("beta-network");
    }

    @Test
    void relevance_puts_name_matches_first() {
        // "system" is in alpha's name and only in gamma's description
        assertThat(ids(list("?search=system"))).containsExactly("alpha-monitor", "gamma-notes");
        assertThat(ids(list("?search=system&order=asc"))).containsExactly("gamma-notes", "alpha-monitor");
    }

    @Test
    void a_misspelt_id_finds_the_plugin_on_postgresql_and_nothing_on_sqlite() {
        List<String> found = ids(list("?search=" + q("alpha-monitr")));

        if (TestDatabases.postgres()) {
            assertThat(found).as("pg_trgm similarity to ids and names").containsExactly("alpha-monitor");
        } else {
            assertThat(found).as("FTS5 matches words and prefixes only").isEmpty();
        }
        assertThat(ids(list("?search=" + q("alpha-monitor")))).containsExactly("alpha-monitor");
        assertThat(ids(list("?search=" + q("zzzqqqxxx")))).isEmpty();
    }

    @Test
    void searches_unicode_text_and_ignores_diacritics() {
        assertThat(ids(list("?search=" + q("插件")))).containsExactly("unicode-plugin");
        assertThat(ids(list("?search=cafe"))).containsExactly("unicode-plugin");
        assertThat(ids(list("?search=" + q("Ångström")))).isEmpty(); // the author is not searched
    }

    @ParameterizedTest
    @ValueSource(strings = {"'; DROP TABLE plugins; --", "\"unbalanced", "NEAR(", "*", "c++", "AND", "OR NOT",
            "title:x", "plugin_id:alpha", "(", ")", "-", "^", "\\", "%", "_", "' OR '1'='1", "a\"b", "NEAR(a b, 2)"})
    void metacharacters_in_search_never_fail(String text) {
        JsonNode data = list("?search=" + q(text));
        assertThat(data.get("plugins").size()).isLessThanOrEqualTo(5);
        ApiResponse post = api.postJson("/api/v1/plugins/search", "{\"query\": " + jsonString(text) + "}");
        assertThat(post.status()).isEqualTo(200);
        assertThat(list("").at("/pagination/total").asInt()).as("the table is still there").isEqualTo(5);
    }

    @Test
    void search_text_over_200_characters_is_a_422() {
        ApiResponse r = api.get("/api/v1/plugins?search=" + "a".repeat(201));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/search/0").asText()).contains("200");
        assertThat(api.get("/api/v1/plugins?search=" + "a".repeat(200)).status()).isEqualTo(200);
    }

    @Test
    void html_and_sql_in_text_fields_come_back_verbatim() {
        JsonNode detail = api.get("/api/v1/plugins/script-plugin").json().get("data");
        assertThat(detail.get("name").asText()).isEqualTo(HOSTILE_TEXT);
        assertThat(detail.get("description").asText()).isEqualTo(HOSTILE_TEXT);
        assertThat(detail.get("author").asText()).isEqualTo(HOSTILE_TEXT);
        assertThat(detail.get("category").asText()).isEqualTo("<b>cat</b>");
        assertThat(ids(list("?search=script"))).containsExactly("script-plugin");
        assertThat(ids(list("?category=" + q("<b>cat</b>")))).containsExactly("script-plugin");
    }

    @Test
    void unicode_in_every_text_field_comes_back_exactly() {
        JsonNode detail = api.get("/api/v1/plugins/unicode-plugin").json().get("data");
        assertThat(detail.get("name").asText()).isEqualTo("Ünïcödé 插件 🚀");
        assertThat(detail.get("description").asText()).isEqualTo("日本語の説明 — emoji 🎉 and café");
        assertThat(detail.get("author").asText()).isEqualTo("Zoë Ångström");
        assertThat(detail.get("license").asText()).isEqualTo("Licence Ω");
        assertThat(detail.get("tags").toString()).isEqualTo("[\"网络\",\"Café\"]");
        assertThat(detail.get("category").asText()).isEqualTo("Système");
        assertThat(detail.at("/manifest/name").asText()).isEqualTo("Ünïcödé 插件 🚀");
    }

    @Test
    void post_search_takes_seed_003s_body() {
        ApiResponse r = api.postJson("/api/v1/plugins/search", """
                {"query": "system", "category": "tools", "tags": ["productivity"], "sort": "name", "order": "asc",
                 "page": 1, "per_page": 10}""");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(ids(r.json().get("data"))).containsExactly("gamma-notes");
        assertThat(r.json().at("/data/pagination/limit").asInt()).isEqualTo(10);

        JsonNode all = api.postJson("/api/v1/plugins/search", "{\"limit\": 2, \"page\": \"2\", \"sort\": \"name\"}").json();
        assertThat(ids(all.get("data"))).containsExactly("beta-network", "gamma-notes");
        assertThat(api.request("POST", "/api/v1/plugins/search").send().status()).as("empty body").isEqualTo(200);
    }

    @Test
    void other_registries_words_for_the_time_orders_sort_as_those_orders() {
        for (String[] alias : new String[][] {{"recent", "updated_at"}, {"updated", "updated_at"},
                {"created", "created_at"}, {"newest", "created_at"}}) {
            List<String> byAlias = ids(api.postJson("/api/v1/plugins/search", "{\"sort\": \"" + alias[0] + "\"}").json().get("data"));
            List<String> byName = ids(api.postJson("/api/v1/plugins/search", "{\"sort\": \"" + alias[1] + "\"}").json().get("data"));
            assertThat(byAlias).as(alias[0]).isNotEmpty().isEqualTo(byName);
            assertThat(ids(list("?sort=" + alias[0]))).as(alias[0] + " on the list").isEqualTo(byName);
        }
    }

    @Test
    void post_search_refuses_bad_json_and_bad_values() {
        ApiResponse broken = api.request("POST", "/api/v1/plugins/search").json("{\"query\": ").withoutContractCheck().send();
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("code").asText()).isEqualTo("INVALID_JSON");
        assertThat(api.postJson("/api/v1/plugins/search", "[1, 2]").status()).isEqualTo(400);
        ApiResponse gzipped = api.postJson("/api/v1/plugins/search", "{\"query\": \"system\"}", "Content-Encoding", "gzip");
        assertThat(gzipped.status()).as("a compressed body is not guessed at").isEqualTo(400);
        assertThat(gzipped.json().get("error").asText()).contains("Content-Encoding 'gzip' is not accepted");
        ApiResponse sort = api.postJson("/api/v1/plugins/search", "{\"sort\": \"stars\"}");
        assertThat(sort.status()).isEqualTo(422);
        assertThat(sort.json().at("/details/sort/0").asText()).contains("relevance");
        assertThat(api.postJson("/api/v1/plugins/search", "{\"query\": \"" + "x".repeat(201) + "\"}").json()
                .at("/details/query/0").asText()).contains("200");
    }

    @Test
    void post_search_names_each_field_of_the_wrong_type() {
        ApiResponse r = api.postJson("/api/v1/plugins/search", """
                {"query": {"$ne": ""}, "category": ["tools"], "tags": [{"name": "x"}], "sort": 1, "order": true,
                 "page": false, "per_page": {}}""");
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        JsonNode details = r.json().get("details");
        assertThat(details.at("/query/0").asText()).isEqualTo("query must be a string");
        assertThat(details.at("/tags/0").asText()).isEqualTo("tags must be a string or an array of strings");
        assertThat(details.at("/page/0").asText()).isEqualTo("page must be a whole number");
        assertThat(details.fieldNames()).toIterable().contains("category", "sort", "order", "per_page");

        ApiResponse numbers = api.postJson("/api/v1/plugins/search", "{\"query\": \"system\", \"tag\": \"productivity\", \"page\": 1.5}");
        assertThat(numbers.status()).as("%s", numbers).isEqualTo(422);
        assertThat(numbers.json().at("/details/page/0").asText()).contains("whole number");
    }

    @Test
    void page_and_limit_errors_name_their_ranges() {
        ApiResponse r = api.get("/api/v1/plugins?page=99999999999999");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/page/0").asText()).isEqualTo("page must be a whole number from 1 to 2147483647");
        assertThat(api.get("/api/v1/plugins?limit=0").json().at("/details/limit/0").asText())
                .isEqualTo("limit must be a whole number of at least 1 (above 100 it is taken as 100)");
        assertThat(api.get("/api/v1/plugins?limit=5000").json().at("/data/pagination/limit").asInt()).isEqualTo(100);
        JsonNode last = api.get("/api/v1/plugins?page=2147483647&limit=100").json();
        assertThat(last.at("/data/plugins")).isEmpty();
    }

    @Test
    void digits_of_other_scripts_are_not_page_numbers() {
        // fullwidth ２ and Arabic-Indic ٣: Java's Integer.parseInt takes both
        ApiResponse query = api.get("/api/v1/plugins?page=%EF%BC%92&limit=%D9%A3");
        assertThat(query.status()).isEqualTo(422);
        assertThat(query.json().at("/details/page/0").asText()).contains("whole number");
        assertThat(query.json().at("/details/limit/0").asText()).contains("whole number");
        ApiResponse body = api.postJson("/api/v1/plugins/search", "{\"query\": \"system\", \"page\": \"\uFF12\"}");
        assertThat(body.status()).isEqualTo(422);
        assertThat(api.get("/api/v1/plugins?page=%2B2&limit=%201%20").status()).as("a sign and spaces are still fine").isEqualTo(200);
    }

    @Test
    void detail_has_versions_owners_ratings_and_manifest() {
        JsonNode detail = api.get("/api/v1/plugins/alpha-monitor").json().get("data");
        assertThat(detail.get("id").asText()).isEqualTo("alpha-monitor");
        assertThat(detail.get("versions")).hasSize(1);
        JsonNode v = detail.get("versions").get(0);
        for (String field : List.of("version", "changelog", "file_size", "file_hash", "downloads", "created_at",
                "is_stable", "yanked", "format")) {
            assertThat(v.has(field)).as(field).isTrue();
        }
        assertThat(v.get("file_hash").asText()).startsWith("sha256:");
        assertThat(detail.get("recent_ratings")).isEmpty();
        assertThat(detail.get("rating_distribution").toString()).isEqualTo("{\"5\":0,\"4\":0,\"3\":0,\"2\":0,\"1\":0}");
        assertThat(detail.get("owners")).isEmpty(); // published by the operator, who has no account
        assertThat(detail.at("/manifest/id").asText()).isEqualTo("alpha-monitor");
        assertThat(detail.at("/dependencies/plugins").isObject()).isTrue();
        assertThat(detail.at("/dependencies/packages").isObject()).isTrue();
        assertThat(detail.get("permissions").isArray()).isTrue();
    }

    @Test
    void unknown_deleted_and_malformed_ids_are_404_plugin_not_found() {
        for (String id : List.of("no-such-plugin", "UPPER", "a".repeat(300), "..%2F..%2Fetc")) {
            ApiResponse r = api.get("/api/v1/plugins/" + id);
            assertThat(r.status()).as(id).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
            assertThat(r.json().get("error").asText()).isEqualTo("Plugin not found");
        }
        assertThat(api.get("/api/v1/plugins/no-such-plugin/versions").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/plugins/no-such-plugin/versions/1.0.0").status()).isEqualTo(404);
    }

    private static String jsonString(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
