package dev.plughub.cli;

import dev.plughub.client.PlughubClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that talks to a registry takes. */
final class ClientOptions {

    static final String DEFAULT_REGISTRY = "http://localhost:8080";

    @Option(names = "--registry", paramLabel = "URL",
            description = "Registry address (default " + DEFAULT_REGISTRY + "; env PLUGHUB_REGISTRY).")
    String registry;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Token to send (env PLUGHUB_TOKEN; default: the one 'plughub login' saved).")
    String token;

    @Option(names = "--json", description = "Print the registry's answer as JSON on stdout, for scripts.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars and no messages; only data and errors.")
    boolean quiet;

    @Option(names = "--progress", description = "Show progress bars even when stderr is not a terminal.")
    boolean progress;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long to wait for the registry's answer, and for a stalled upload or download to move again"
                    + " (default " + PlughubClient.DEFAULT_RESPONSE_SECONDS + "; env PLUGHUB_TIMEOUT).")
    String timeout;

    /** The registry address, from the option, the environment or the default, in canonical form. */
    URI registryUrl(CliEnvironment env) {
        String value = registry != null ? registry
                : Optional.ofNullable(env.variable("PLUGHUB_REGISTRY"))
                        .or(() -> Optional.ofNullable(env.variable("MOCKFORGE_REGISTRY_URL")))   // seed 003's name
                        .orElse(DEFAULT_REGISTRY);
        try {
            return PlughubClient.parseBaseUrl(value);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The token given explicitly: {@code --token}, else PLUGHUB_TOKEN. */
    Optional<String> explicitToken(CliEnvironment env) {
        return Optional.ofNullable(token).filter(t -> !t.isBlank()).or(() -> Optional.ofNullable(env.variable("PLUGHUB_TOKEN")));
    }

    /**
     * A client for reading: it sends only a token given explicitly, so a stale saved login never
     * stands in the way of reading the public catalogue.
     */
    PlughubClient reader(CliEnvironment env) {
        PlughubClient client = client(env, registryUrl(env));
        return explicitToken(env).map(client::withToken).orElse(client);
    }

    /** A client for writing: the explicit token, else the one saved for this registry by {@code plughub login}. */
    PlughubClient writer(CliEnvironment env) {
        URI url = registryUrl(env);
        PlughubClient client = client(env, url);
        Optional<String> saved = explicitToken(env)
                .or(() -> new CredentialStore(env.configHome()).find(url).map(CredentialStore.Credential::token));
        return saved.map(client::withToken).orElse(client);
    }

    /**
     * A client without a token, with the time limits of {@code --timeout} (or PLUGHUB_TIMEOUT): the
     * answer and a stalled transfer get that long, connecting at most ten seconds of it.
     */
    PlughubClient client(CliEnvironment env, URI url) {
        PlughubClient.Builder builder = PlughubClient.builder(url.toString());
        timeout(env).ifPresent(limit -> builder.responseTimeout(limit).stallTimeout(limit)
                .connectTimeout(limit.compareTo(Duration.ofSeconds(PlughubClient.DEFAULT_CONNECT_SECONDS)) < 0
                        ? limit : Duration.ofSeconds(PlughubClient.DEFAULT_CONNECT_SECONDS)));
        return builder.build();
    }

    private Optional<Duration> timeout(CliEnvironment env) {
        String value = timeout != null ? timeout.strip() : env.variable("PLUGHUB_TIMEOUT");
        if (value == null) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(value);
            if (seconds > 0 && seconds <= 86_400) {
                return Optional.of(Duration.ofMillis(Math.max(1, Math.round(seconds * 1000))));
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new CliException(ExitCodes.USAGE, (timeout != null ? "--timeout" : "PLUGHUB_TIMEOUT")
                + " must be a number of seconds above 0 and up to 86400, not '" + value + "'");
    }

    boolean showProgress(CliEnvironment env) {
        return !quiet && (progress || env.terminal().stderrIsTerminal());
    }
}
