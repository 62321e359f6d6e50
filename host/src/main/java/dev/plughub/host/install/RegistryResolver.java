package dev.plughub.host.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.core.version.InvalidVersionException;
import dev.plughub.core.version.VersionRange;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the configured registries what to install: {@code POST /api/v1/resolve} with the wanted
 * plugin and the host version answers the whole plan (the plugin and its dependencies, in install
 * order, with download URLs and digests), or 409 with the conflicts. The first registry that
 * knows the plugin decides.
 */
public final class RegistryResolver implements AutoCloseable {

    /** One package of a resolved plan. */
    public record Resolved(String id, String version, URI downloadUrl, String sha256) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> registries;
    private final String hostVersion;
    private final LazyHttpClient http = new LazyHttpClient(() -> HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build());

    public RegistryResolver(List<URI> registries, String hostVersion) {
        this.registries = List.copyOf(registries);
        this.hostVersion = hostVersion;
    }

    /** Whether any registry is configured to install from. */
    public boolean configured() {
        return !registries.isEmpty();
    }

    public List<Resolved> resolve(String id, Optional<String> range) {
        if (registries.isEmpty()) {
            throw HostException.invalid("source", "this host has no registry configured", "this host has no registry "
                    + "configured to install " + id + " from");
        }
        String wanted = range.filter(r -> !r.isBlank() && !r.equals("latest")).orElse("*");
        try {
            VersionRange.parse(wanted);
        } catch (InvalidVersionException e) {
            String why = "version '" + wanted + "' is neither a version nor a range such as ^1.2.0 or >=1.0.0 <2.0.0: "
                    + e.getMessage();
            throw new HostException(HostError.VALIDATION_ERROR, why, Map.of("version", List.of(why)));
        }
        HostException notFound = null;
        for (URI registry : registries) {
            try {
                return resolveAt(registry, id, wanted);
            } catch (HostException e) {
                if (e.code() != HostError.PLUGIN_NOT_FOUND) {
                    throw e;
                }
                notFound = e;
            }
        }
        throw notFound;
    }

    private List<Resolved> resolveAt(URI registry, String id, String range) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plugins", List.of(Map.of("id", id, "range", range)));
        body.put("host_version", hostVersion);
        URI endpoint = URI.create(registry.toString().replaceAll("/+$", "") + "/api/v1/resolve");
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            response = http.get().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, "the registry " + registry
                    + " cannot be reached: " + e.getMessage(), Map.of("registry", registry.toString()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, "interrupted while asking " + registry);
        }
        JsonNode answer = parse(response.body());
        // The registry's error envelope: {"success": false, "error": sentence, "code": ..., "details": {...}}.
        String registryMessage = answer.path("error").asText("");
        Object conflicts = JSON.convertValue(answer.path("details").path("conflicts"), Object.class);
        return switch (response.statusCode()) {
            case 200 -> plan(registry, answer.path("data").path("plan"));
            case 404 -> throw new HostException(HostError.PLUGIN_NOT_FOUND, "the registry " + registry + " has no plugin "
                    + id + (registryMessage.isEmpty() ? "" : ": " + registryMessage), Map.of("plugin_id", id));
            // The registry's plan names a missing plugin as a conflict; the one asked for is simply not there.
            case 409 -> throw lacks(registry, id)
                    ? new HostException(HostError.PLUGIN_NOT_FOUND, "the registry " + registry + " has no plugin " + id,
                            Map.of("plugin_id", id))
                    : new HostException(HostError.PLUGIN_DEPENDENCY_ERROR, "the registry " + registry
                    + " cannot resolve " + id + " " + range + (registryMessage.isEmpty() ? "" : ": " + registryMessage),
                    Map.of("plugin_id", id, "conflicts", conflicts == null ? List.of() : conflicts));
            default -> throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, "the registry " + registry
                    + " answered HTTP " + response.statusCode() + " to resolve " + id
                    + (registryMessage.isEmpty() ? "" : ": " + registryMessage), Map.of("plugin_id", id));
        };
    }

    /** Whether the registry answers that it has no plugin {@code id} (any other answer, or none, is not that). */
    private boolean lacks(URI registry, String id) {
        URI plugin = URI.create(registry.toString().replaceAll("/+$", "") + "/api/v1/plugins/" + id);
        try {
            HttpRequest request = HttpRequest.newBuilder(plugin).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build();
            return http.get().send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 404;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<Resolved> plan(URI registry, JsonNode plan) {
        List<Resolved> resolved = new ArrayList<>();
        for (JsonNode item : plan) {
            URI download = URI.create(registry.toString().replaceAll("/+$", "") + "/").resolve(item.path("download_url").asText());
            resolved.add(new Resolved(item.path("id").asText(), item.path("version").asText(), download,
                    item.path("sha256").asText()));
        }
        return resolved;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** Closes the connections, when any were made. */
    @Override
    public void close() {
        http.close();
    }
}
