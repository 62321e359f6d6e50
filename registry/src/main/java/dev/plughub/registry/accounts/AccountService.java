package dev.plughub.registry.accounts;

import dev.plughub.registry.accounts.AccountStore.NewUser;
import dev.plughub.registry.accounts.AccountStore.Registration;
import dev.plughub.registry.accounts.AccountViews.CreatedTokenView;
import dev.plughub.registry.accounts.AccountViews.LoginView;
import dev.plughub.registry.accounts.AccountViews.RegisteredView;
import dev.plughub.registry.accounts.AccountViews.TokenView;
import dev.plughub.registry.accounts.AccountViews.UserView;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rules of accounts: registering, logging in, and managing personal access tokens. */
public final class AccountService {

    public static final Duration LOGIN_TOKEN_LIFETIME = Duration.ofDays(30);
    public static final String LOGIN_TOKEN_NAME = "login";
    private static final String WRONG_LOGIN = "The username or password is incorrect";

    private final AccountStore store;
    private final PasswordHasher passwords;
    private final TokenCodec tokens;
    private final Clock clock;

    public AccountService(AccountStore store, PasswordHasher passwords, TokenCodec tokens, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.tokens = tokens;
        this.clock = clock;
    }

    public RegisteredView register(AccountRequests.Register request) {
        Instant now = now();
        String hash = passwords.hash(request.password());
        NewUser user = new NewUser(request.username(), request.email(), request.displayName(), hash, User.ROLE_USER, now);
        String secret = tokens.newSecret();
        Registration result = store.register(user, loginToken(secret, User.ROLE_USER, now));
        return switch (result) {
            case Registration.Created created -> new RegisteredView(UserView.of(created.user()), secret,
                    AccountViews.TOKEN_TYPE, created.token().expiresAt());
            case Registration.Taken taken when taken.field().equals("email") -> throw new ApiException(
                    ErrorCode.EMAIL_TAKEN, "The e-mail address is already registered",
                    Map.of("email", List.of("email is already registered")));
            case Registration.Taken taken -> throw new ApiException(ErrorCode.USERNAME_TAKEN,
                    "The username " + request.username() + " is already taken (names are compared ignoring case)",
                    Map.of("username", List.of("username is already taken")));
        };
    }

    /**
     * A new login token for the user the credentials name. An unknown user costs one password
     * verification too, and every wrong answer reads the same, so neither timing nor text tells
     * which names exist.
     */
    public LoginView login(AccountRequests.Login request) {
        Optional<User> found = store.findUserByLogin(request.login());
        boolean matches = found.isPresent()
                ? passwords.verify(request.password(), found.get().passwordHash())
                : passwords.verifyAgainstDummy(request.password());
        if (!matches) {
            throw new ApiException(ErrorCode.INVALID_CREDENTIALS, WRONG_LOGIN);
        }
        User user = found.get();
        if (user.disabled()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This account has been disabled; it cannot log in");
        }
        Instant now = now();
        String secret = tokens.newSecret();
        Token token = store.insertToken(user.id(), loginToken(secret, user.role(), now));
        return new LoginView(secret, AccountViews.TOKEN_TYPE, token.expiresAt(), UserView.of(user));
    }

    /**
     * Revokes the token {@code secret} is, so a stolen copy stops working the moment its user logs
     * out. Unknown, revoked and expired secrets are all a 401: there is nothing to log out.
     */
    public TokenView logout(String secret) {
        Optional<Token> token = TokenCodec.looksLikeSecret(secret)
                ? store.findTokenByHash(TokenCodec.hash(secret)).map(AccountStore.TokenOwner::token)
                : Optional.empty();
        Instant now = now();
        Token live = token.filter(t -> !t.isRevoked() && !t.isExpiredAt(now))
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_TOKEN, "The token is not a live login token"));
        return store.revokeToken(live.publicId(), now).map(TokenView::of).orElseThrow();
    }

    public List<TokenView> listTokens(Principal principal) {
        requireUser(principal);
        return store.listTokens(principal.userId()).stream().map(TokenView::of).toList();
    }

    /**
     * A personal access token for the principal's user, created with a login token. Its scopes must
     * be ones that login holds, and the admin scope needs an admin account. A personal access token
     * cannot create others: one that leaked could otherwise leave copies of itself that outlast its
     * revocation.
     */
    public CreatedTokenView createToken(Principal principal, AccountRequests.NewToken request) {
        requireUser(principal);
        if (principal.personalToken()) {
            throw ApiException.forbidden("Personal access tokens are created with a login token (POST /api/v1/auth/login),"
                    + " not with another personal access token");
        }
        if (request.scopes().contains(TokenScope.ADMIN) && !principal.admin()) {
            throw ApiException.forbidden("Only administrators can create tokens with the admin scope");
        }
        for (TokenScope scope : request.scopes()) {
            if (!principal.has(scope)) {
                throw ApiException.forbidden("The token you used lacks the " + scope.apiName()
                        + " scope, so it cannot create a token that has it");
            }
        }
        Instant now = now();
        String secret = tokens.newSecret();
        Token token = store.insertToken(principal.userId(), new AccountStore.NewToken(tokens.newPublicId(),
                TokenCodec.hash(secret), TokenCodec.displayPrefix(secret), request.name(), request.scopes(), now,
                Optional.of(now.plus(request.expiresInDays(), ChronoUnit.DAYS))));
        return CreatedTokenView.of(token, secret);
    }

    /**
     * Revokes a token of the principal's own (admins: anyone's). A token of another user is answered
     * as unknown, so ids of other users' tokens cannot be probed. A personal access token may only
     * revoke tokens whose scopes it holds itself: a leaked review token cannot cut off the user's
     * publishing.
     */
    public TokenView revokeToken(Principal principal, String publicId) {
        Optional<Token> token = store.findToken(publicId)
                .filter(t -> principal.isAdmin() || (!principal.operator() && t.userId() == principal.userId()));
        if (token.isEmpty()) {
            throw ApiException.notFound(ErrorCode.TOKEN_NOT_FOUND, "No token with id " + publicId + " was found");
        }
        if (principal.personalToken() && !principal.isAdmin()) {
            for (TokenScope scope : token.get().scopes()) {
                if (!principal.has(scope)) {
                    throw ApiException.forbidden("The token you used lacks the " + scope.apiName()
                            + " scope of the token it would revoke; revoke it with a login token or one that has it");
                }
            }
        }
        return store.revokeToken(publicId, now()).map(TokenView::of)
                .orElseThrow(() -> ApiException.notFound(ErrorCode.TOKEN_NOT_FOUND,
                        "No token with id " + publicId + " was found"));
    }

    /** Whether {@code token} is one logging in created (they carry the name no personal token may take). */
    static boolean isLoginToken(Token token) {
        return LOGIN_TOKEN_NAME.equals(token.name());
    }

    private AccountStore.NewToken loginToken(String secret, String role, Instant now) {
        Set<TokenScope> scopes = EnumSet.of(TokenScope.PUBLISH, TokenScope.REVIEW);
        if (User.ROLE_ADMIN.equals(role)) {
            scopes.add(TokenScope.ADMIN);
        }
        return new AccountStore.NewToken(tokens.newPublicId(), TokenCodec.hash(secret), TokenCodec.displayPrefix(secret),
                LOGIN_TOKEN_NAME, Set.copyOf(scopes), now, Optional.of(now.plus(LOGIN_TOKEN_LIFETIME)));
    }

    private static void requireUser(Principal principal) {
        if (principal.operator()) {
            throw ApiException.forbidden("The operator key is not a user account: log in as a user "
                    + "(POST /api/v1/auth/login) to list or create personal access tokens");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
