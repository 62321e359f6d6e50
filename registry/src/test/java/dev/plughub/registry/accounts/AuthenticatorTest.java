package dev.plughub.registry.accounts;

import dev.plughub.registry.testing.MutableClock;
import dev.plughub.registry.testing.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.storage.Database;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authenticator over a real database, with a clock the test moves. */
class AuthenticatorTest {

    @TempDir
    Path dir;
    Database db;
    AccountStore store;
    AccountService accounts;
    Authenticator authenticator;
    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

    @BeforeEach
    void open() {
        db = TestDatabases.open(dir);
        store = new AccountStore(db);
        accounts = new AccountService(store, PasswordHasher.argon2id(), new TokenCodec(new SecureRandom()), clock);
        authenticator = new Authenticator(store, Optional.of("the-operator-key"), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_login_token_works_for_30_days_and_then_says_it_has_expired() {
        String token = register("ada").token();

        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(authenticator.principalFor(null, "Bearer " + token)).get()
                .satisfies(p -> assertThat(p.username()).isEqualTo("ada"));

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> authenticator.principalFor(null, "Bearer " + token))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
                    assertThat(e.getMessage()).isEqualTo("The token has expired");
                });
    }

    @Test
    void a_personal_token_expires_after_the_days_asked_for() {
        register("grace");
        Principal grace = authenticator.principalFor(null, "Bearer " + login("grace")).orElseThrow();
        var created = accounts.createToken(grace, new AccountRequests.NewToken("ci", Set.of(TokenScope.PUBLISH), 7));

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(authenticator.principalFor(null, "Bearer " + created.token()).orElseThrow().scopes())
                .containsExactly(TokenScope.PUBLISH);
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> authenticator.principalFor(null, "Bearer " + created.token()))
                .hasMessage("The token has expired");
    }

    @Test
    void only_a_login_token_is_a_session_a_personal_token_is_not_even_an_admins() {
        register("root");
        store.setRole(userId("root"), User.ROLE_ADMIN);
        String loginToken = login("root");
        Principal root = authenticator.principalFor(null, "Bearer " + loginToken).orElseThrow();
        var adminToken = accounts.createToken(root, new AccountRequests.NewToken("moderation", Set.of(TokenScope.ADMIN),
                AccountRequests.TOKEN_DAYS_DEFAULT));

        assertThat(authenticator.session(loginToken)).get().satisfies(p -> assertThat(p.isAdmin()).isTrue());
        assertThat(authenticator.session(adminToken.token())).as("made for a program, not a person signed in").isEmpty();
        assertThat(authenticator.principalFor(null, "Bearer " + adminToken.token()).orElseThrow().isAdmin())
                .as("still good as a bearer token").isTrue();
    }

    @Test
    void last_use_is_written_at_most_once_a_minute() {
        String token = register("linus").token();
        String id = store.listTokens(userId("linus")).getFirst().publicId();

        authenticator.principalFor(null, "Bearer " + token);
        Instant first = lastUsed(id);
        assertThat(first).isEqualTo(clock.instant());

        clock.advance(Duration.ofSeconds(30));
        authenticator.principalFor(null, "Bearer " + token);
        assertThat(lastUsed(id)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(31));
        authenticator.principalFor(null, "Bearer " + token);
        assertThat(lastUsed(id)).isEqualTo(clock.instant());
    }

    @Test
    void the_operator_key_is_accepted_in_either_header_and_compared_exactly() {
        assertThat(authenticator.principalFor("the-operator-key", null)).get().satisfies(p -> assertThat(p.isAdmin()).isTrue());
        assertThat(authenticator.principalFor(null, "Bearer the-operator-key")).get()
                .satisfies(p -> assertThat(p.operator()).isTrue());
        assertThat(authenticator.principalFor(null, "bearer   the-operator-key")).isPresent();
        assertThatThrownBy(() -> authenticator.principalFor("the-operator-ke", null)).hasMessage("The API key is not valid");
        assertThatThrownBy(() -> authenticator.principalFor("the-operator-key ", null)).hasMessage("The API key is not valid");
        assertThatThrownBy(() -> authenticator.principalFor(null, "Bearer THE-OPERATOR-KEY")).hasMessage("The token is not valid");
    }

    @Test
    void without_an_operator_key_configured_no_key_is_accepted() {
        Authenticator keyless = new Authenticator(store, Optional.empty(), clock);
        assertThatThrownBy(() -> keyless.principalFor("", "Bearer ")).isInstanceOf(ApiException.class);
        assertThat(keyless.principalFor(null, null)).isEmpty();
        assertThat(keyless.principalFor("", "  ")).isEmpty();
    }

    @Test
    void an_admin_gets_the_admin_scope_at_login_and_others_do_not() {
        register("root");
        store.setRole(userId("root"), User.ROLE_ADMIN);
        register("user");

        Principal admin = authenticator.principalFor(null, "Bearer " + login("root")).orElseThrow();
        Principal user = authenticator.principalFor(null, "Bearer " + login("user")).orElseThrow();

        assertThat(admin.isAdmin()).isTrue();
        assertThat(admin.scopes()).containsExactlyInAnyOrder(TokenScope.PUBLISH, TokenScope.REVIEW, TokenScope.ADMIN);
        assertThat(user.isAdmin()).isFalse();
        assertThat(user.scopes()).containsExactlyInAnyOrder(TokenScope.PUBLISH, TokenScope.REVIEW);
    }

    @Test
    void passwords_are_stored_as_argon2id_phc_strings() {
        register("hash");
        assertThat(store.findUserByLogin("hash").orElseThrow().passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    private AccountViews.RegisteredView register(String name) {
        return accounts.register(new AccountRequests.Register(name, "password-123", Optional.empty(), Optional.empty()));
    }

    private String login(String name) {
        return accounts.login(new AccountRequests.Login(name, "password-123")).token();
    }

    private long userId(String name) {
        return store.findUserByLogin(name).orElseThrow().id();
    }

    private Instant lastUsed(String publicId) {
        return store.findToken(publicId).orElseThrow().lastUsedAt().orElseThrow();
    }

    @Test
    void reads_a_bearer_header_however_it_is_spaced_and_cased_and_nothing_else() {
        for (String header : new String[] {"Bearer abc", "bearer abc", "BEARER\tabc", "  Bearer   abc  "}) {
            assertThat(Authenticator.bearerCredential(header)).as(header).contains("abc");
        }
        for (String header : new String[] {"Basic abc", "Bearer", "Bearer   ", "Bearerabc", "abc", ""}) {
            assertThat(Authenticator.bearerCredential(header)).as(header).isEmpty();
        }
        assertThat(Authenticator.bearerCredential(null)).isEmpty();
    }
}
