package dev.plughub.registry.accounts;

import dev.plughub.registry.accounts.AccountViews.TokenView;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.http.JsonBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/auth/register}, {@code POST /api/v1/auth/login}, {@code POST /api/v1/auth/logout},
 * and the personal access tokens: {@code GET|POST /api/v1/tokens}, {@code DELETE /api/v1/tokens/{id}}.
 * Login also sets the session cookie ({@value #SESSION_COOKIE}: HttpOnly, SameSite=Strict) that the
 * plugin host's admin API accepts from staff; the registry's own API takes tokens only.
 */
public final class AccountRoutes {

    public static final String REGISTER = "/api/v1/auth/register";
    public static final String LOGIN = "/api/v1/auth/login";

    public static final String SESSION_COOKIE = "plughub_session";

    private final AccountService accounts;
    private final Authenticator authenticator;

    public AccountRoutes(AccountService accounts, Authenticator authenticator) {
        this.accounts = accounts;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.post(REGISTER, this::registerUser);
        routes.post(LOGIN, this::login);
        routes.post("/api/v1/auth/logout", this::logout);
        routes.get("/api/v1/tokens", this::listTokens);
        routes.post("/api/v1/tokens", this::createToken);
        routes.delete("/api/v1/tokens/{id}", this::revokeToken);
    }

    private void registerUser(Context ctx) {
        var request = AccountRequests.register(JsonBodies.read(ctx));
        ctx.status(HttpStatus.CREATED).json(Envelope.of("Account created", accounts.register(request)));
    }

    private void login(Context ctx) {
        var request = AccountRequests.login(JsonBodies.read(ctx));
        AccountViews.LoginView login = accounts.login(request);
        setSessionCookie(ctx, login.token(), AccountService.LOGIN_TOKEN_LIFETIME.toSeconds());
        ctx.json(Envelope.of(login));
    }

    /** Revokes the login token the request carries (bearer, else session cookie) and clears the cookie. */
    private void logout(Context ctx) {
        String secret = Authenticator.bearerCredential(ctx.header("Authorization"))
                .or(() -> Optional.ofNullable(ctx.cookie(SESSION_COOKIE)).filter(c -> !c.isBlank()))
                .orElseThrow(() -> new ApiException(ErrorCode.AUTH_REQUIRED,
                        "Nothing to log out: send the login token as 'Authorization: Bearer <token>' or the session cookie"));
        TokenView revoked = accounts.logout(secret);
        setSessionCookie(ctx, "", 0);
        ctx.json(Envelope.of("Logged out: the token no longer works", revoked));
    }

    /** Secure when the request came over https, so a cookie set over TLS never travels in clear. */
    private static void setSessionCookie(Context ctx, String value, long maxAgeSeconds) {
        ctx.header("Set-Cookie", SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + ("https".equals(ctx.scheme()) ? "; Secure" : ""));
    }

    private void listTokens(Context ctx) {
        Principal principal = authenticator.requireAny(ctx);
        ctx.json(Envelope.of(Map.of("tokens", accounts.listTokens(principal))));
    }

    private void createToken(Context ctx) {
        Principal principal = authenticator.requireAny(ctx);
        var request = AccountRequests.newToken(JsonBodies.read(ctx));
        ctx.status(HttpStatus.CREATED).json(Envelope.of(
                "Token created: copy it now, it is not shown again", accounts.createToken(principal, request)));
    }

    private void revokeToken(Context ctx) {
        Principal principal = authenticator.requireAny(ctx);
        ctx.json(Envelope.of("Token revoked", accounts.revokeToken(principal, ctx.pathParam("id"))));
    }
}
