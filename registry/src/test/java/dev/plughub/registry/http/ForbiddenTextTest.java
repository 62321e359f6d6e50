package dev.plughub.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.core.text.ForbiddenCharacters;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The NUL character (U+0000) and unpaired surrogates are refused wherever text comes in — a 422
 * naming the field, nothing stored — on SQLite as on PostgreSQL (the build's second run). PostgreSQL
 * cannot store a NUL (before this rule these requests were 500s there), and neither database an
 * unpaired surrogate (it was stored as '?').
 */
class ForbiddenTextTest extends RunningRegistry {

    /** A NUL as JSON writes it. */
    private static final String NUL = "\\u0000";
    private static String alice;

    @BeforeAll
    static void seed() {
        alice = Accounts.register(api, "alice");
        Publisher.published(api, TestPackages.zip(files, "nul-target", "1.0.0"));
    }

    @Test
    void json_fields_with_a_nul_are_refused_by_name_and_nothing_is_stored() {
        assertRefused(api.postJson("/api/v1/auth/register",
                "{\"username\":\"carol\",\"password\":\"correct-horse-battery\",\"display_name\":\"Ca" + NUL + "rol\"}"),
                "display_name");
        assertThat(api.postJson("/api/v1/auth/login", "{\"username\":\"carol\",\"password\":\"correct-horse-battery\"}").status())
                .as("the account was not created").isEqualTo(401);

        assertRefused(api.postJson("/api/v1/auth/login", "{\"username\":\"alice" + NUL + "\",\"password\":\"x\"}"), "username");
        assertRefused(api.postJson("/api/v1/tokens", "{\"name\":\"ci" + NUL + "\",\"scopes\":[\"publish\"]}",
                Accounts.bearer(alice)), "name");

        assertRefused(api.postJson("/api/v1/plugins/nul-target/reviews",
                "{\"rating\":4,\"title\":\"Fine\",\"body\":\"Works" + NUL + " well\"}", Accounts.bearer(alice)), "body");
        assertThat(api.get("/api/v1/plugins/nul-target/reviews").json().path("data").path("pagination").path("total").asInt())
                .as("no review was stored").isZero();

        assertRefused(api.postJson("/api/v1/plugins/nul-target/owners", "{\"username\":\"al" + NUL + "ice\"}",
                Accounts.OPERATOR), "username");
        assertRefused(api.postJson("/api/v1/updates",
                "{\"plugins\":[{\"id\":\"nul-target\",\"version\":\"1.0.0\",\"note\":[\"a\",\"b" + NUL + "\"]}]}"),
                "plugins[0].note[1]");
        assertRefused(api.postJson("/api/v1/plugins/search", "{\"query\":\"a" + NUL + "b\"}"), "query");
    }

    @Test
    void an_unpaired_surrogate_in_json_is_refused_by_name_and_nothing_is_stored() {
        assertRefused(api.postJson("/api/v1/auth/register",
                "{\"username\":\"dave\",\"password\":\"correct-horse-battery\",\"display_name\":\"Da\\ud800ve\"}"),
                "display_name");
        assertThat(api.postJson("/api/v1/auth/login", "{\"username\":\"dave\",\"password\":\"correct-horse-battery\"}")
                .status()).isEqualTo(401);
        assertRefused(api.postJson("/api/v1/plugins/nul-target/reviews",
                "{\"rating\":4,\"title\":\"Fine\",\"body\":\"ends in half a pair \\uD83D\"}", Accounts.bearer(alice)), "body");
        assertRefused(api.postJson("/api/v1/plugins/search", "{\"query\":\"\\udc00 first\"}"), "query");

        // A pair is one character (here an emoji), written escaped or not, and is kept as sent.
        ApiResponse paired = api.postJson("/api/v1/auth/register",
                "{\"username\":\"erin\",\"password\":\"correct-horse-battery\",\"display_name\":\"Erin \\ud83d\\ude00 \uD83C\uDF89\"}");
        assertThat(paired.status()).as("%s", paired).isEqualTo(201);
        assertThat(paired.json().toString()).contains("Erin \uD83D\uDE00 \uD83C\uDF89");
    }

    @Test
    void a_nul_in_a_json_key_is_refused_too() {
        assertRefused(api.postJson("/api/v1/plugins/search", "{\"qu" + NUL + "ery\":\"a\"}"), "qu\\u0000ery");
    }

    @Test
    void query_parameters_with_a_nul_are_refused_by_name() {
        assertRefused(api.get("/api/v1/plugins?tag=a%00b"), "tag");
        assertRefused(api.get("/api/v1/plugins?category=x%00"), "category");
        assertRefused(api.get("/api/v1/plugins?search=a%00b&page=1"), "search");
        assertRefused(api.get("/pf4j/plugins.json?prerelease=a%00"), "prerelease");
        assertThat(api.get("/api/v1/plugins?search=100%25").status()).as("an escaped percent sign is no NUL").isEqualTo(200);
        assertThat(api.get("/api/v1/plugins?search=%2500").status()).as("nor the text %00").isEqualTo(200);
    }

    @Test
    void a_form_field_with_a_nul_is_refused_and_the_package_not_published() {
        Path pkg = TestPackages.zip(files, "nul-changelog", "1.0.0");
        assertRefused(Publisher.upload(api, pkg, Map.of("changelog", "Fixed\u0000things"), Accounts.OPERATOR), "changelog");
        assertThat(api.get("/api/v1/plugins/nul-changelog").status()).isEqualTo(404);
    }

    @Test
    void a_manifest_with_a_nul_is_refused_and_names_the_field() {
        for (String field : new String[] {"name", "description", "author", "license", "category"}) {
            Path pkg = TestPackages.plugin("nul-" + field, "1.0.0").set(field, "a\u0000b").zip(files);
            ApiResponse r = Publisher.upload(api, pkg, Accounts.OPERATOR);
            assertThat(r.status()).as("%s", r).isEqualTo(422);
            assertThat(r.json().path("details").path(field).toString()).as("%s", r).contains("NUL");
            assertThat(api.get("/api/v1/plugins/nul-" + field).status()).isEqualTo(404);
        }
        Path nested = TestPackages.plugin("nul-nested", "1.0.0").set("x-extra", Map.of("inner", "a\u0000")).zip(files);
        ApiResponse r = Publisher.upload(api, nested, Accounts.OPERATOR);
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().path("details").has("x-extra.inner")).as("%s", r).isTrue();
    }

    private static void assertRefused(ApiResponse r, String field) {
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        JsonNode body = r.json();
        assertThat(body.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.path("details").path(field).toString()).as("%s", r).contains(ForbiddenCharacters.RULE);
    }
}
