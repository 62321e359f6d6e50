package dev.plughub.host.admin;

import dev.plughub.host.HostException;
import dev.plughub.host.PluginHost;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;

/**
 * The host's admin HTTP API under {@code /system/plugins}: seed 004's paths and answers exactly, and
 * seed 002's operations as sub-resources. Mounts on any Javalin 7 application's routes (the registry
 * in {@code plughub serve}, or an application's own server); every route needs {@link HostAuth}'s
 * credentials, and every failure is answered in the error envelope.
 */
public final class HostAdminRoutes {

    public static final String BASE = "/system/plugins";
    private static final String CALLER = "plughub.host.admin.caller";

    private final HostAuth auth;
    private final LifecycleHandlers lifecycle;
    private final SettingsHandlers settings;
    private final ObservabilityHandlers observability;
    private final CallHandlers calls;
    private final DiscoveryHandlers discovery;

    public HostAdminRoutes(PluginHost host, HostAuth auth) {
        this(HostReference.of(host), auth, Clock.systemUTC());
    }

    /** For a host that starts after the routes are mounted (see {@link HostReference}). */
    public HostAdminRoutes(HostReference host, HostAuth auth, Clock clock) {
        this.auth = auth;
        this.lifecycle = new LifecycleHandlers(host, clock);
        this.settings = new SettingsHandlers(host, clock);
        this.observability = new ObservabilityHandlers(host);
        this.calls = new CallHandlers(host);
        this.discovery = new DiscoveryHandlers(host);
    }

    public void register(RoutesConfig routes) {
        routes.exception(HostException.class, (e, ctx) ->
                AdminJson.error(ctx, e.code().httpStatus(), e.code().name(), e.getMessage(), e.details()));
        routes.exception(AdminException.class, (e, ctx) ->
                AdminJson.error(ctx, e.status(), e.code(), e.getMessage(), e.details()));
        routes.before(BASE, this::authenticate);
        routes.before(BASE + "/*", this::authenticate);
        routes.before(BASE, AdminJson::checkQuery);
        routes.before(BASE + "/*", AdminJson::checkQuery);

        // Fixed paths before /{id}: Javalin takes the first route that matches.
        routes.get(BASE, lifecycle::list);
        routes.post(BASE + "/rescan", lifecycle::rescan);
        routes.post(BASE + "/install", lifecycle::install);
        routes.post(BASE + "/broadcast", calls::broadcast);
        routes.get(BASE + "/repositories", discovery::repositories);
        routes.get(BASE + "/search", discovery::search);

        routes.get(BASE + "/{id}", lifecycle::detail);
        routes.put(BASE + "/{id}", lifecycle::update);
        routes.delete(BASE + "/{id}", lifecycle::uninstall);
        routes.post(BASE + "/{id}/rollback", lifecycle::rollback);
        routes.post(BASE + "/{id}/enable", lifecycle::enable);
        routes.post(BASE + "/{id}/disable", lifecycle::disable);
        routes.post(BASE + "/{id}/restart", lifecycle::restart);

        routes.get(BASE + "/{id}/health", observability::health);
        routes.get(BASE + "/{id}/metrics", observability::metrics);
        routes.get(BASE + "/{id}/logs", observability::logs);

        routes.get(BASE + "/{id}/config", settings::config);
        routes.put(BASE + "/{id}/config", settings::configure);
        routes.get(BASE + "/{id}/permissions", settings::permissions);
        routes.put(BASE + "/{id}/permissions", settings::changePermissions);

        routes.post(BASE + "/{id}/sync-users", calls::syncUsers);
        routes.post(BASE + "/{id}/actions/{action}", calls::action);
        routes.post(BASE + "/{id}/message", calls::message);
    }

    /** Every route needs credentials, except OPTIONS: it only says which methods a path takes (and CORS preflights carry none). */
    private void authenticate(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        ctx.attribute(CALLER, auth.authenticate(ctx));
    }

    /** Who made this request (set before every route). */
    static AdminCaller caller(Context ctx) {
        AdminCaller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("an admin route ran without authentication");
        }
        return caller;
    }
}
