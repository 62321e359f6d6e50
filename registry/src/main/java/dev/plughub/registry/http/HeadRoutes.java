package dev.plughub.registry.http;

import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * HEAD answers exactly what GET would, without the body (RFC 9110 §9.3.2): the same status, type
 * and length, so {@code curl -I} and link checkers learn the truth. Javalin instead answers HEAD
 * with an empty 200 whenever a GET route matches the path — even for a plugin that does not exist.
 * So every GET route without a HEAD route of its own gets one that runs the same handler; Jetty
 * sends no body for HEAD. A route that can skip work for HEAD (downloads) registers its own.
 */
public final class HeadRoutes {

    private HeadRoutes() {
    }

    /** Call once every route is registered. */
    public static void mirrorGets(InternalRouter router) {
        List<ParsedEndpoint> endpoints = List.copyOf(router.allHttpHandlers());
        Set<String> withHead = endpoints.stream()
                .filter(e -> e.endpoint.method == HandlerType.HEAD)
                .map(e -> e.endpoint.path)
                .collect(Collectors.toSet());
        for (ParsedEndpoint e : endpoints) {
            if (e.endpoint.method == HandlerType.GET && !withHead.contains(e.endpoint.path)) {
                router.addHttpEndpoint(new Endpoint(HandlerType.HEAD, e.endpoint.path, e.endpoint.handler));
            }
        }
    }
}
