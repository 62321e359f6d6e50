package dev.plughub.registry.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plughub.registry.storage.Database;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestDatabases;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts and tokens through real HTTP against a real server and database. */
class AccountsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path data;
    static TestRegistry registry;
    static Api api;
    /** A second handle on the server's database, to arrange states the API cannot (admins, expired tokens). */
    static Database db;
    static AccountStore store;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start(data);
        api = registry.api();
        db = TestDatabases.open(data);
        store = new AccountStore(db);
    }

    @AfterAll
    static void stop() {
        db.close();
        registry.close();
    }

    // --- register and login ---

    @Test
    void register_answers_201_with_the_user_and_a_login_token() {
        String name = uniqueName("ada");
        ApiResponse r = register(name, "correct horse battery", "Ada@Example.com", "Ada Lovelace");

        assertThat(r.status()).isEqualTo(201);
        JsonNode data = r.json().get("data");
        assertThat(data.get("user").get("username").asText()).isEqualTo(name);
        assertThat(data.get("user").get("email").asText()).isEqualTo("Ada@Example.com");
        assertThat(data.get("user").get("display_name").asText()).isEqualTo("Ada Lovelace");
        assertThat(data.get("user").get("role").asText()).isEqualTo("user");
        assertThat(data.get("user").get("id").asLong()).isPositive();
        assertThat(data.get("user").has("password_hash")).isFalse();
        assertThat(data.get("token").asText()).matches("phub_[A-Za-z0-9_-]{43}");
        assertThat(data.get("token_type").asText()).isEqualTo("Bearer");
        Instant expires = Instant.parse(data.get("expires_at").asText());
        assertThat(expires).isBetween(Instant.now().plus(29, ChronoUnit.DAYS), Instant.now().plus(31, ChronoUnit.DAYS));

        ApiResponse tokens = api.request("GET", "/api/v1/tokens").bearer(data.get("token").asText()).send();
        assertThat(tokens.status()).isEqualTo(200);
        PasswordCost cost = TestRegistry.TEST_PASSWORD_COST;
        assertThat(store.findUserByLogin(name).orElseThrow().passwordHash())
                .as("hashed at the server's configured cost")
                .startsWith("$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=1$");
    }

    @Test
    void login_by_username_or_email_returns_a_working_token() {
        String name = uniqueName("grace");
        register(name, "hopper-password", name + "@example.org", null);

        ApiResponse byName = login(name.toUpperCase(), "hopper-password");
        assertThat(byName.status()).isEqualTo(200);
        JsonNode data = byName.json().get("data");
        assertThat(data.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(data.get("user").get("username").asText()).isEqualTo(name);
        assertThat(api.request("GET", "/api/v1/tokens").bearer(data.get("token").asText()).send().status()).isEqualTo(200);

        ApiResponse byEmail = api.postJson("/api/v1/auth/login",
                "{\"email\":\"" + name.toUpperCase() + "@EXAMPLE.org\",\"password\":\"hopper-password\"}");
        assertThat(byEmail.status()).isEqualTo(200);
        ApiResponse emailInUsername = login(name + "@example.org", "hopper-password");
        assertThat(emailInUsername.status()).isEqualTo(200);
    }

    @Test
    void login_sets_an_http_only_strict_session_cookie_holding_the_token() {
        String name = uniqueName("cookie");
        register(name, "cookie-password", null, null);

        ApiResponse r = login(name, "cookie-password");

        String token = r.json().get("data").get("token").asText();
        assertThat(r.header("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith("plughub_session=" + token + ";").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").contains("Max-Age=2592000").doesNotContain("Secure"));
    }

    @Test
    void logout_revokes_the_login_token_at_once_and_clears_the_cookie() {
        String login = registerAndToken(uniqueName("bye"));

        // The scheme in lower case and a tab: read as every other route reads the header.
        ApiResponse out = api.request("POST", "/api/v1/auth/logout").headers("Authorization", "bearer\t" + login).send();

        assertThat(out.status()).as("%s", out).isEqualTo(200);
        assertThat(out.json().get("data").get("revoked").asBoolean()).isTrue();
        assertThat(out.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("plughub_session=;").contains("Max-Age=0"));
        assertThat(api.request("GET", "/api/v1/tokens").bearer(login).send().status()).isEqualTo(401);
        ApiResponse again = api.request("POST", "/api/v1/auth/logout").bearer(login).send();
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void logout_takes_the_session_cookie_and_needs_some_credential() {
        String login = registerAndToken(uniqueName("cookiebye"));

        ApiResponse out = api.request("POST", "/api/v1/auth/logout").headers("Cookie", "plughub_session=" + login).send();

        assertThat(out.status()).isEqualTo(200);
        assertThat(api.request("GET", "/api/v1/tokens").bearer(login).send().status()).isEqualTo(401);
        ApiResponse none = api.request("POST", "/api/v1/auth/logout").send();
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");
        assertThat(api.request("POST", "/api/v1/auth/logout").headers("Cookie", "plughub_session=not-a-token").send().status())
                .isEqualTo(401);
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_same_401() {
        String name = uniqueName("linus");
        register(name, "right-password", null, null);

        ApiResponse wrong = login(name, "wrong-password");
        ApiResponse unknown = login(uniqueName("nobody"), "right-password");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown.json().get("code").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrong.json().get("error").asText()).isEqualTo(unknown.json().get("error").asText());
    }

    @Test
    void an_unknown_user_costs_about_as_much_time_as_a_wrong_password() {
        String name = uniqueName("timing");
        register(name, "right-password", null, null);
        login(name, "warm-up-password");
        long[] wrong = new long[7];
        long[] unknown = new long[7];
        for (int i = 0; i < wrong.length; i++) {
            long t0 = System.nanoTime();
            login(name, "wrong-password");
            long t1 = System.nanoTime();
            login(uniqueName("ghost"), "wrong-password");
            wrong[i] = t1 - t0;
            unknown[i] = System.nanoTime() - t1;
        }
        java.util.Arrays.sort(wrong);
        java.util.Arrays.sort(unknown);
        // Both verify one Argon2id hash; without the dummy hash an unknown name would answer many times faster.
        assertThat((double) unknown[wrong.length / 2] / wrong[wrong.length / 2]).isGreaterThan(0.3);
    }

    @Test
    void a_disabled_user_cannot_log_in_and_their_tokens_stop_working() {
        String name = uniqueName("gone");
        String token = register(name, "password-123", null, null).json().get("data").get("token").asText();
        long id = store.findUserByLogin(name).orElseThrow().id();

        store.setDisabled(id, true);
        try {
            ApiResponse loginAnswer = login(name, "password-123");
            assertThat(loginAnswer.status()).isEqualTo(403);
            assertThat(loginAnswer.json().get("error").asText()).contains("disabled");
            ApiResponse use = api.request("GET", "/api/v1/tokens").bearer(token).send();
            assertThat(use.status()).isEqualTo(401);
            assertThat(use.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
            assertThat(use.json().get("error").asText()).contains("disabled");
        } finally {
            store.setDisabled(id, false);
        }
        assertThat(api.request("GET", "/api/v1/tokens").bearer(token).send().status()).isEqualTo(200);
    }

    @Test
    void a_username_is_unique_ignoring_case() {
        String name = uniqueName("Case");
        assertThat(register(name, "password-1", null, null).status()).isEqualTo(201);

        ApiResponse again = register(name.toLowerCase(), "password-2", null, null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("USERNAME_TAKEN");
        assertThat(again.json().get("details").get("username").get(0).asText()).contains("taken");
    }

    @Test
    void an_email_is_unique_ignoring_case() {
        String email = uniqueName("mail") + "@Example.com";
        assertThat(register(uniqueName("first"), "password-1", email, null).status()).isEqualTo(201);

        ApiResponse again = register(uniqueName("second"), "password-2", email.toUpperCase(), null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void every_broken_rule_is_reported_per_field() {
        ApiResponse r = register("a", "short", "not-an-address", "x".repeat(101));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        JsonNode details = r.json().get("details");
        assertThat(details.get("username").get(0).asText()).contains("3 to 32");
        assertThat(details.get("password").get(0).asText()).contains("8 to 128");
        assertThat(details.get("email").get(0).asText()).contains("e-mail address");
        assertThat(details.get("display_name").get(0).asText()).contains("100");
    }

    @Test
    void usernames_outside_the_allowed_characters_or_lengths_are_refused() {
        for (String bad : List.of("_leading", "-leading", "has space", "o'brien", "a;DROP TABLE users", "<b>x</b>",
                "zoë", "x".repeat(33), "ab")) {
            ApiResponse r = register(bad, "password-123", null, null);
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json().get("details").has("username")).as(bad).isTrue();
        }
        assertThat(register(uniqueName("ok.name_-"), "password-123", null, null).status()).isEqualTo(201);
        for (String ambiguous : List.of("123", "0046", "operator", "Anonymous")) {   // a user id; the audit log's actors
            ApiResponse r = register(ambiguous, "password-123", null, null);
            assertThat(r.status()).as(ambiguous).isEqualTo(422);
            assertThat(r.json().at("/details/username/0").asText()).as(ambiguous).containsAnyOf("user id", "reserved");
        }
        String longest = (uniqueName("max") + "y".repeat(32)).substring(0, 32);
        assertThat(register(longest, "password-123", null, null).status()).isEqualTo(201);
    }

    @Test
    void missing_and_ill_typed_fields_get_clear_messages() {
        ApiResponse missing = api.postJson("/api/v1/auth/register", "{}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("details").get("username").get(0).asText()).isEqualTo("username is required");
        assertThat(missing.json().get("details").get("password").get(0).asText()).isEqualTo("password is required");

        ApiResponse typed = api.postJson("/api/v1/auth/register", "{\"username\": 42, \"password\": [\"x\"], \"email\": true}");
        assertThat(typed.status()).isEqualTo(422);
        assertThat(typed.json().get("details").get("username").get(0).asText()).isEqualTo("username must be a string");
        assertThat(typed.json().get("details").get("email").get(0).asText()).isEqualTo("email must be a string");

        ApiResponse notJson = api.postJson("/api/v1/auth/register", "{\"username\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("code").asText()).isEqualTo("INVALID_JSON");

        ApiResponse notObject = api.postJson("/api/v1/auth/login", "[1, 2]");
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(notObject.json().get("error").asText()).contains("JSON object");

        ApiResponse empty = api.request("POST", "/api/v1/auth/login").send();
        assertThat(empty.status()).isEqualTo(400);

        ApiResponse noLogin = api.postJson("/api/v1/auth/login", "{\"password\": \"x\"}");
        assertThat(noLogin.status()).isEqualTo(422);
        assertThat(noLogin.json().get("details").has("username")).isTrue();
    }

    @Test
    void a_json_body_over_the_limit_is_a_413_naming_the_limit_and_creates_nothing() {
        String name = "x".repeat(1_000_001);
        ApiResponse big = api.postJson("/api/v1/auth/register",
                "{\"username\": \"big_body\", \"password\": \"correct-horse-battery\", \"display_name\": \"" + name + "\"}");

        assertThat(big.status()).as("%s", big).isEqualTo(413);
        assertThat(big.json().get("code").asText()).isEqualTo("REQUEST_TOO_LARGE");
        assertThat(big.json().get("error").asText()).contains("1000000 bytes");
        assertThat(big.json().get("details").get("max_bytes").asInt()).isEqualTo(1_000_000);
        assertThat(api.postJson("/api/v1/auth/login", "{\"username\": \"big_body\", \"password\": \"correct-horse-battery\"}")
                .status()).isEqualTo(401);
    }

    @Test
    void a_key_given_twice_or_text_after_the_object_is_not_json_this_api_takes() {
        // Which of two values wins differs between parsers; an account must not be created under either.
        ApiResponse twice = api.postJson("/api/v1/auth/register",
                "{\"username\": \"twice_a\", \"username\": \"twice_b\", \"password\": \"correct-horse-battery\"}");
        assertThat(twice.status()).as("%s", twice).isEqualTo(400);
        assertThat(twice.json().get("code").asText()).isEqualTo("INVALID_JSON");
        assertThat(twice.json().get("error").asText()).contains("username");
        for (String name : new String[] {"twice_a", "twice_b"}) {
            assertThat(api.postJson("/api/v1/auth/login", "{\"username\": \"" + name
                    + "\", \"password\": \"correct-horse-battery\"}").status()).as(name).isEqualTo(401);
        }

        ApiResponse trailing = api.postJson("/api/v1/auth/register",
                "{\"username\": \"trailing\", \"password\": \"correct-horse-battery\"} {\"role\": \"admin\"}");
        assertThat(trailing.status()).as("%s", trailing).isEqualTo(400);
        assertThat(trailing.json().get("code").asText()).isEqualTo("INVALID_JSON");
        assertThat(api.postJson("/api/v1/auth/login",
                "{\"username\": \"trailing\", \"password\": \"correct-horse-battery\"}").status()).isEqualTo(401);
    }

    @Test
    void sql_and_html_metacharacters_and_unicode_in_text_fields_are_stored_verbatim() {
        String display = "Robert'); DROP TABLE users;-- <script>alert(1)</script> & \"Zoë\" 李小龍 🚀";
        String email = uniqueName("o.brien+tag") + "@例え.jp";
        String name = uniqueName("bobby");
        ApiResponse r = register(name, "pässwörd 🔑 '\"<>", email, display);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("data").get("user").get("display_name").asText()).isEqualTo(display);
        assertThat(r.json().get("data").get("user").get("email").asText()).isEqualTo(email);

        ApiResponse back = login(name, "pässwörd 🔑 '\"<>");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("data").get("user").get("display_name").asText()).isEqualTo(display);
        assertThat(login(name, "passwörd 🔑 '\"<>").status()).isEqualTo(401);
    }

    @Test
    void concurrent_registrations_of_one_name_give_exactly_one_201() throws Exception {
        String name = uniqueName("race");
        int n = 12;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String variant = i % 2 == 0 ? name : name.toUpperCase();
            calls.add(() -> {
                go.await();
                return register(variant, "password-123", null, null).status();
            });
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> c : calls) {
                futures.add(pool.submit(c));
            }
            go.countDown();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(n - 1);
    }

    // --- personal access tokens ---

    @Test
    void a_token_is_created_listed_used_and_revoked() {
        String login = registerAndToken(uniqueName("tok"));

        ApiResponse created = createToken(login, "{\"name\": \"CI publish\", \"scopes\": [\"publish\"], \"expires_in_days\": 7}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode token = created.json().get("data");
        String secret = token.get("token").asText();
        String id = token.get("id").asText();
        assertThat(id).startsWith("tok_");
        assertThat(secret).matches("phub_[A-Za-z0-9_-]{43}");
        assertThat(secret).startsWith(token.get("prefix").asText());
        assertThat(token.get("scopes")).hasSize(1);
        assertThat(token.get("scopes").get(0).asText()).isEqualTo("publish");
        assertThat(Instant.parse(token.get("expires_at").asText()))
                .isBetween(Instant.now().plus(6, ChronoUnit.DAYS), Instant.now().plus(8, ChronoUnit.DAYS));

        ApiResponse listed = api.request("GET", "/api/v1/tokens").bearer(secret).send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).doesNotContain(secret).doesNotContain(TokenCodec.hash(secret));
        JsonNode mine = find(listed.json().get("data").get("tokens"), id);
        assertThat(mine.get("name").asText()).isEqualTo("CI publish");
        assertThat(mine.get("revoked").asBoolean()).isFalse();
        assertThat(mine.has("token")).isFalse();
        assertThat(mine.get("last_used_at").isNull()).as("the listing itself was the first use").isFalse();
        assertThat(find(listed.json().get("data").get("tokens"), null).get("name").asText()).isNotBlank();

        ApiResponse revoked = api.request("DELETE", "/api/v1/tokens/" + id).bearer(login).send();
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("data").get("revoked").asBoolean()).isTrue();

        ApiResponse after = api.request("GET", "/api/v1/tokens").bearer(secret).send();
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(after.json().get("error").asText()).isEqualTo("The token has been revoked");
        assertThat(after.header("WWW-Authenticate")).isPresent();
    }

    @Test
    void the_default_expiry_is_90_days() {
        String login = registerAndToken(uniqueName("dflt"));
        JsonNode token = createToken(login, "{\"name\": \"n\", \"scopes\": [\"review\"]}").json().get("data");
        assertThat(Instant.parse(token.get("expires_at").asText()))
                .isBetween(Instant.now().plus(89, ChronoUnit.DAYS), Instant.now().plus(91, ChronoUnit.DAYS));
    }

    @Test
    void a_user_can_revoke_their_login_token_and_it_stops_working_at_once() {
        String login = registerAndToken(uniqueName("self"));
        String id = find(api.request("GET", "/api/v1/tokens").bearer(login).send().json().get("data").get("tokens"), null)
                .get("id").asText();

        assertThat(api.request("DELETE", "/api/v1/tokens/" + id).bearer(login).send().status()).isEqualTo(200);
        assertThat(api.request("GET", "/api/v1/tokens").bearer(login).send().status()).isEqualTo(401);
    }

    @Test
    void a_token_of_another_user_cannot_be_revoked() {
        String alice = registerAndToken(uniqueName("alice"));
        String bob = registerAndToken(uniqueName("bob"));
        String aliceTokenId = createToken(alice, "{\"name\": \"a\", \"scopes\": [\"publish\"]}").json().get("data").get("id").asText();

        ApiResponse attempt = api.request("DELETE", "/api/v1/tokens/" + aliceTokenId).bearer(bob).send();

        assertThat(attempt.status()).isEqualTo(404);
        assertThat(attempt.json().get("code").asText()).isEqualTo("TOKEN_NOT_FOUND");
        JsonNode still = find(api.request("GET", "/api/v1/tokens").bearer(alice).send().json().get("data").get("tokens"), aliceTokenId);
        assertThat(still.get("revoked").asBoolean()).isFalse();
        assertThat(api.request("GET", "/api/v1/tokens").bearer(bob).send().text()).doesNotContain(aliceTokenId);
    }

    @Test
    void an_unknown_token_id_is_404() {
        String login = registerAndToken(uniqueName("unk"));
        ApiResponse r = api.request("DELETE", "/api/v1/tokens/tok_doesnotexist").bearer(login).send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("TOKEN_NOT_FOUND");
    }

    @Test
    void an_admin_can_revoke_anyones_token_and_create_admin_tokens() {
        String adminName = uniqueName("root");
        registerAndToken(adminName);
        store.setRole(store.findUserByLogin(adminName).orElseThrow().id(), User.ROLE_ADMIN);
        String admin = login(adminName, "password-123").json().get("data").get("token").asText();
        String victim = registerAndToken(uniqueName("victim"));
        String victimId = createToken(victim, "{\"name\": \"v\", \"scopes\": [\"publish\"]}").json().get("data").get("id").asText();

        assertThat(api.request("DELETE", "/api/v1/tokens/" + victimId).bearer(admin).send().status()).isEqualTo(200);
        ApiResponse adminToken = createToken(admin, "{\"name\": \"ops\", \"scopes\": [\"admin\", \"publish\"]}");
        assertThat(adminToken.status()).isEqualTo(201);
        assertThat(adminToken.json().get("data").get("scopes").toString()).contains("admin");
    }

    @Test
    void only_admins_get_the_admin_scope() {
        String login = registerAndToken(uniqueName("plain"));
        ApiResponse r = createToken(login, "{\"name\": \"x\", \"scopes\": [\"admin\"]}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(r.json().get("error").asText()).contains("admin scope");
    }

    @Test
    void a_personal_token_cannot_create_tokens_so_a_leaked_one_leaves_no_copies() {
        String login = registerAndToken(uniqueName("narrow"));
        String pat = createToken(login, "{\"name\": \"r\", \"scopes\": [\"publish\", \"review\"]}").json().get("data").get("token").asText();

        ApiResponse r = createToken(pat, "{\"name\": \"copy\", \"scopes\": [\"review\"]}");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(r.json().get("error").asText()).contains("created with a login token");
        assertThat(api.request("GET", "/api/v1/tokens").bearer(login).send().text()).doesNotContain("\"copy\"");
        assertThat(createToken(login, "{\"name\": \"copy\", \"scopes\": [\"review\"], \"expires_in_days\": 365}").status())
                .as("a login token creates long-lived tokens").isEqualTo(201);
    }

    @Test
    void the_login_token_name_is_reserved_so_no_personal_token_passes_for_one() {
        String login = registerAndToken(uniqueName("resv"));
        for (String name : List.of("login", " LOGIN ", "\\u00a0login", "login\\u200b", "\\uff4c\\uff4f\\uff47\\uff49\\uff4e", "lo\\u00adgin")) {
            ApiResponse r = createToken(login, "{\"name\": \"" + name + "\", \"scopes\": [\"publish\"]}");
            assertThat(r.status()).as(name).isEqualTo(422);
            assertThat(r.json().get("details").get("name").get(0).asText()).contains("reserved");
        }
    }

    @Test
    void a_personal_token_revokes_only_tokens_whose_scopes_it_holds() {
        String login = registerAndToken(uniqueName("revk"));
        String reviewOnly = createToken(login, "{\"name\": \"r\", \"scopes\": [\"review\"]}").json().get("data").get("token").asText();
        String publishId = createToken(login, "{\"name\": \"p\", \"scopes\": [\"publish\"]}").json().get("data").get("id").asText();
        String otherReviewId = createToken(login, "{\"name\": \"r2\", \"scopes\": [\"review\"]}").json().get("data").get("id").asText();

        ApiResponse refused = api.request("DELETE", "/api/v1/tokens/" + publishId).bearer(reviewOnly).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).contains("publish scope");
        JsonNode tokens = api.request("GET", "/api/v1/tokens").bearer(login).send().json().get("data").get("tokens");
        assertThat(find(tokens, publishId).get("revoked").asBoolean()).isFalse();

        assertThat(api.request("DELETE", "/api/v1/tokens/" + otherReviewId).bearer(reviewOnly).send().status()).isEqualTo(200);
        assertThat(api.request("DELETE", "/api/v1/tokens/" + publishId).bearer(login).send().status()).isEqualTo(200);
    }

    @Test
    void scopes_are_enforced_on_the_routes_that_need_them() throws Exception {
        String login = registerAndToken(uniqueName("scoped"));
        String reviewOnly = createToken(login, "{\"name\": \"r\", \"scopes\": [\"review\"]}").json().get("data").get("token").asText();
        Path pkg = java.nio.file.Files.createTempFile(data, "pkg", ".zip");
        java.nio.file.Files.write(pkg, new byte[] {'P', 'K', 5, 6});

        ApiResponse withoutPublish = api.request("POST", "/api/v1/plugins/upload").bearer(reviewOnly).file("plugin_file", pkg).send();
        assertThat(withoutPublish.status()).isEqualTo(403);
        assertThat(withoutPublish.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(withoutPublish.json().get("error").asText()).contains("publish scope");

        ApiResponse anonymous = api.request("POST", "/api/v1/plugins/upload").file("plugin_file", pkg).send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");
        assertThat(anonymous.json().get("error").asText()).isEqualTo("Authentication required");

        ApiResponse badTokenOnARead = api.request("GET", "/api/v1/plugins").bearer("phub_" + "B".repeat(43)).send();
        assertThat(badTokenOnARead.status()).as("a read anyone may make is answered as to anyone").isEqualTo(200);
        ApiResponse badTokenOnAPublish = api.request("POST", "/api/v1/plugins/upload").bearer("phub_" + "B".repeat(43))
                .file("plugin_file", pkg).send();
        assertThat(badTokenOnAPublish.status()).isEqualTo(401);
        assertThat(badTokenOnAPublish.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void token_requests_are_validated() {
        String login = registerAndToken(uniqueName("val"));
        ApiResponse unknownScope = createToken(login, "{\"name\": \"x\", \"scopes\": [\"publish\", \"root\"]}");
        assertThat(unknownScope.status()).isEqualTo(422);
        assertThat(unknownScope.json().get("details").get("scopes").get(0).asText()).contains("root");

        ApiResponse noScopes = createToken(login, "{\"name\": \"x\", \"scopes\": []}");
        assertThat(noScopes.status()).isEqualTo(422);

        for (String days : List.of("0", "366", "1.5", "\"7\"")) {
            ApiResponse r = createToken(login, "{\"name\": \"x\", \"scopes\": [\"publish\"], \"expires_in_days\": " + days + "}");
            assertThat(r.status()).as(days).isEqualTo(422);
            assertThat(r.json().get("details").has("expires_in_days")).as(days).isTrue();
        }
        ApiResponse noName = createToken(login, "{\"scopes\": [\"publish\"]}");
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.json().get("details").get("name").get(0).asText()).isEqualTo("name is required");
        assertThat(createToken(login, "{\"name\": \"x\", \"scopes\": [\"publish\"], \"expires_in_days\": 365}").status())
                .isEqualTo(201);
    }

    @Test
    void an_expired_token_is_refused_with_a_message_that_says_so() {
        String name = uniqueName("old");
        registerAndToken(name);
        long userId = store.findUserByLogin(name).orElseThrow().id();
        TokenCodec codec = new TokenCodec(new SecureRandom());
        String secret = codec.newSecret();
        Instant past = Instant.now().minus(2, ChronoUnit.DAYS);
        store.insertToken(userId, new AccountStore.NewToken(codec.newPublicId(), TokenCodec.hash(secret),
                TokenCodec.displayPrefix(secret), "stale", Set.of(TokenScope.PUBLISH), past,
                Optional.of(past.plus(1, ChronoUnit.DAYS))));

        ApiResponse r = api.request("GET", "/api/v1/tokens").bearer(secret).send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(r.json().get("error").asText()).isEqualTo("The token has expired");
    }

    @Test
    void token_routes_need_credentials_and_refuse_bad_ones() {
        ApiResponse none = api.get("/api/v1/tokens");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("AUTH_REQUIRED");
        assertThat(none.json().get("error").asText()).isEqualTo("Authentication required");

        ApiResponse unknown = api.request("GET", "/api/v1/tokens").bearer("phub_" + "A".repeat(43)).send();
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("code").asText()).isEqualTo("INVALID_TOKEN");

        ApiResponse garbage = api.request("GET", "/api/v1/tokens").bearer("' OR 1=1 --").send();
        assertThat(garbage.status()).isEqualTo(401);

        ApiResponse basic = api.get("/api/v1/tokens", "Authorization", "Basic dXNlcjpwYXNz");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json().get("error").asText()).contains("Bearer");

        ApiResponse wrongKey = api.get("/api/v1/tokens", "X-API-Key", "not-the-key");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void a_made_up_or_stale_token_reads_what_everyone_reads_and_is_refused_where_a_user_is_needed() {
        // seed 001's clients send their token on every call, the examples a placeholder ('your-token')
        for (String[] credential : List.of(new String[] {"Authorization", "Bearer your-token"},
                new String[] {"Authorization", "Bearer phub_" + "A".repeat(43)},
                new String[] {"X-API-Key", "not-the-key"})) {
            for (String read : List.of("/api/v1/plugins?sort=downloads&order=desc&limit=10", "/api/v1/plugins?search=monitor")) {
                ApiResponse r = api.get(read, credential[0], credential[1]);
                assertThat(r.status()).as("%s with %s", read, credential[1]).isEqualTo(200);
                assertThat(r.json().at("/data/pagination/total").isNumber()).isTrue();
                assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
            }
            ApiResponse search = api.request("POST", "/api/v1/plugins/search").headers(credential[0], credential[1])
                    .json("{\"query\":\"monitor\"}").send();
            assertThat(search.status()).as("%s", search).isEqualTo(200);

            ApiResponse createToken = api.request("POST", "/api/v1/tokens").headers(credential[0], credential[1])
                    .json("{\"name\":\"ci\",\"scopes\":[\"publish\"]}").send();
            assertThat(createToken.status()).isEqualTo(401);
            assertThat(createToken.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        }
    }

    @Test
    void the_operator_key_is_not_a_user_but_can_revoke_any_token() {
        ApiResponse list = api.get("/api/v1/tokens", "X-API-Key", TestRegistry.OPERATOR_KEY);
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.json().get("error").asText()).contains("operator key is not a user");
        ApiResponse create = api.request("POST", "/api/v1/tokens").bearer(TestRegistry.OPERATOR_KEY)
                .json("{\"name\": \"x\", \"scopes\": [\"publish\"]}").send();
        assertThat(create.status()).isEqualTo(403);

        String user = registerAndToken(uniqueName("leaky"));
        String id = createToken(user, "{\"name\": \"leaked\", \"scopes\": [\"publish\"]}").json().get("data").get("id").asText();
        ApiResponse revoke = api.delete("/api/v1/tokens/" + id, "X-API-Key", TestRegistry.OPERATOR_KEY);
        assertThat(revoke.status()).isEqualTo(200);
    }

    // --- helpers ---

    static String uniqueName(String stem) {
        return stem + NAMES.incrementAndGet() + Long.toString(System.nanoTime() % 100_000, 36);
    }

    static ApiResponse register(String username, String password, String email, String displayName) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        if (email != null) {
            body.put("email", email);
        }
        if (displayName != null) {
            body.put("display_name", displayName);
        }
        return api.postJson("/api/v1/auth/register", body.toString());
    }

    static String registerAndToken(String username) {
        ApiResponse r = register(username, "password-123", null, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("data").get("token").asText();
    }

    static ApiResponse login(String username, String password) {
        return api.postJson("/api/v1/auth/login",
                JSON.createObjectNode().put("username", username).put("password", password).toString());
    }

    static ApiResponse createToken(String bearer, String json) {
        return api.request("POST", "/api/v1/tokens").bearer(bearer).json(json).send();
    }

    /** The token with this id in a list, or (id null) the login token. */
    static JsonNode find(JsonNode tokens, String id) {
        for (JsonNode t : tokens) {
            if (id == null ? t.get("name").asText().equals(AccountService.LOGIN_TOKEN_NAME) : t.get("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no token " + id + " in " + tokens);
    }
}
