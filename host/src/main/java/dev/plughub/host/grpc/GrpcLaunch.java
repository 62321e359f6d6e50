package dev.plughub.host.grpc;

import dev.plughub.core.manifest.PluginManifest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How an out-of-process plugin (manifest {@code "runtime": "grpc"}) is reached: a command in its
 * package the host starts and supervises ({@code entry_point}), or an endpoint that already runs
 * ({@code "endpoint": "host:port"}). The one place these manifest rules live; {@code PackageCheck}
 * asks here at install, the runtime at start.
 */
public sealed interface GrpcLaunch {

    String RUNTIME = "grpc";
    /** The manifest field naming an already-running plugin; kept by core among the manifest's extra fields. */
    String ENDPOINT_FIELD = "endpoint";

    /** {@code entry_point} split on spaces: a program inside the package (or on PATH) and its arguments. */
    record Command(List<String> argv) implements GrpcLaunch {
        public Command {
            argv = List.copyOf(argv);
        }
    }

    /** A plugin someone else runs; the host only connects (loopback unless remote endpoints are allowed). */
    record Endpoint(String host, int port) implements GrpcLaunch {
        public String address() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static boolean isGrpc(PluginManifest manifest) {
        return manifest.runtime().map(r -> r.toLowerCase(Locale.ROOT).equals(RUNTIME)).orElse(false);
    }

    /**
     * @throws IllegalArgumentException saying what is missing or malformed, for a manifest that names
     *                                  neither or both, or an endpoint that is not host:port
     */
    static GrpcLaunch of(PluginManifest manifest) {
        Optional<String> entryPoint = manifest.entryPoint().map(String::strip).filter(s -> !s.isEmpty());
        Object endpoint = manifest.extra().get(ENDPOINT_FIELD);
        if (endpoint != null && entryPoint.isPresent()) {
            throw new IllegalArgumentException("a gRPC plugin names either an entry_point (a command the host runs) "
                    + "or an endpoint (host:port of a running plugin), not both");
        }
        if (endpoint != null) {
            return endpoint(endpoint);
        }
        if (entryPoint.isEmpty()) {
            throw new IllegalArgumentException("a gRPC plugin needs an entry_point (the command that starts it, "
                    + "e.g. \"bin/run\") or an endpoint (\"127.0.0.1:50051\")");
        }
        return new Command(Arrays.asList(entryPoint.get().split("\\s+")));
    }

    private static Endpoint endpoint(Object value) {
        String text = value instanceof String s ? s.strip() : "";
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        try {
            port = colon > 0 ? Integer.parseInt(text.substring(colon + 1)) : -1;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        if (host.isEmpty() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the manifest's endpoint " + value + " is not \"host:port\" with a port 1-65535");
        }
        return new Endpoint(host, port);
    }
}
