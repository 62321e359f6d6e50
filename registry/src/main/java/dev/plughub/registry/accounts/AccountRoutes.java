package dev.plughub.registry.accounts;

import dev.plughub.registry.http.Envelope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * {@code POST /api/v1/auth/register}, {@code POST /api/v1/auth/login}, and the personal access
 * tokens: {@code GET|POST /api/v1/tokens}, {@code DELETE /api/v1/tokens/{id}}.
 */
public final class AccountRoutes {

    private final AccountService accounts;
    private final Authenticator authenticator;

    public AccountRoutes(AccountService accounts, Authenticator authenticator) {
        this.accounts = accounts;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/auth/register", this::registerUser);
        routes.post("/api/v1/auth/login", this::login);
        routes.get("/api/v1/tokens", this::listTokens);
        routes.post("/api/v1/tokens", this::createToken);
        routes.delete("/api/v1/tokens/{id}", this::revokeToken);
    }

    private void registerUser(Context ctx) {
        var request = AccountRequests.register(ctx.bodyAsBytes());
        ctx.status(HttpStatus.CREATED).json(Envelope.of("Account created", accounts.register(request)));
    }

    private void login(Context ctx) {
        var request = AccountRequests.login(ctx.bodyAsBytes());
        ctx.json(Envelope.of(accounts.login(request)));
    }

    private void listTokens(Context ctx) {
        Principal principal = authenticator.requireAny(ctx);
        ctx.json(Envelope.of(Map.of("tokens", accounts.listTokens(principal))));
    }

    private void createToken(Context ctx) {
        Principal principal = authenticator.requireAny(ctx);
        var request = AccountRequests.newToken(ctx.bodyAsBytes());
        ctx.status(HttpStatus.CREATED).json(Envelope.of(
                "Token created: copy it now, it is not shown again", accounts.createToken(principal, request)));
    }

    private void revokeToken(Context ctx) {
        Principal principal = authenticator.requireAny(ctx);
        ctx.json(Envelope.of("Token revoked", accounts.revokeToken(principal, ctx.pathParam("id"))));
    }
}
