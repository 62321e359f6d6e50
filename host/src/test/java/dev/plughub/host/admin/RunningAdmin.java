package dev.plughub.host.admin;

import dev.plughub.host.HostConfig;
import dev.plughub.host.PluginHost;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import io.javalin.Javalin;
import java.util.Optional;

/**
 * A real host with its admin API on a real Javalin server bound to 127.0.0.1, and a client that
 * checks every answer against the OpenAPI description.
 */
final class RunningAdmin implements AutoCloseable {

    static final String HOST_TOKEN = "test-host-token";
    static final String OPERATOR_KEY = "test-operator-key";

    private final PluginHost host;
    private final Javalin server;
    private final Api api;

    private RunningAdmin(PluginHost host, Javalin server) {
        this.host = host;
        this.server = server;
        this.api = new Api("http://127.0.0.1:" + server.port());
    }

    static RunningAdmin start(HostConfig config) {
        return start(config, HostAuth.of(Optional.of(OPERATOR_KEY), Optional.of(HOST_TOKEN)));
    }

    static RunningAdmin start(HostConfig config, HostAuth auth) {
        PluginHost host = PluginHost.start(config);
        HostAdminRoutes routes = new HostAdminRoutes(host, auth);
        Javalin server = Javalin.create(app -> {
            app.startup.showJavalinBanner = false;
            app.jetty.host = "127.0.0.1";
            app.jetty.port = 0;
            routes.register(app.routes);
        }).start();
        return new RunningAdmin(host, server);
    }

    /** host:port as a browser would send it in Host and Origin. */
    String authority() {
        return "127.0.0.1:" + server.port();
    }

    int port() {
        return server.port();
    }

    PluginHost host() {
        return host;
    }

    /** A request with the host token in seed 004's header. */
    ApiResponse get(String path) {
        return send("GET", path, null, "X-Nebula-Token", HOST_TOKEN);
    }

    ApiResponse post(String path, String json) {
        return send("POST", path, json, "X-Nebula-Token", HOST_TOKEN);
    }

    ApiResponse put(String path, String json) {
        return send("PUT", path, json, "X-Nebula-Token", HOST_TOKEN);
    }

    ApiResponse delete(String path) {
        return send("DELETE", path, null, "X-Nebula-Token", HOST_TOKEN);
    }

    /** A body with the content type a client chose (curl's {@code -d} says form data), with the host token. */
    ApiResponse sendRaw(String method, String path, String body, String contentType) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ApiResponse answer = api.request(method, path).headers("X-Nebula-Token", HOST_TOKEN)
                .body(bytes, contentType).withoutContractCheck().send();
        return OpenApiCheck.check(method, path, contentType, bytes, answer);
    }

    /** Any request (headers as name/value pairs); its answer is checked against the OpenAPI description. */
    ApiResponse send(String method, String path, String json, String... headers) {
        Api.Request request = api.request(method, path).headers(headers).withoutContractCheck();
        if (json != null) {
            request.json(json);
        }
        byte[] body = json == null ? new byte[0] : json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return OpenApiCheck.check(method, path, json == null ? null : "application/json", body, request.send());
    }

    @Override
    public void close() {
        server.stop();
        host.close();
    }
}
