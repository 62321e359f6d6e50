package dev.plughub.host.install;

import dev.plughub.core.checksum.Sha256;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches a package over HTTP into a staging file, within the {@link UrlPolicy} (checked again on
 * every redirect, so an https link cannot bounce to plain http) and against an expected SHA-256.
 */
public final class Downloader implements AutoCloseable {

    private static final int MAX_REDIRECTS = 5;

    private final LazyHttpClient http = new LazyHttpClient(() -> HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
    private final UrlPolicy policy;
    private final Duration timeout;

    public Downloader(UrlPolicy policy, Duration timeout) {
        this.policy = policy;
        this.timeout = timeout;
    }

    /** Downloads {@code url} to {@code target}; on any failure {@code target} does not exist. */
    public void download(URI url, Optional<String> expectedSha256, Path target) {
        Optional<String> expected = expectedSha256.map(Downloader::normalized);
        URI current = url;
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                refuseIfNotAllowed(current);
                HttpRequest request = HttpRequest.newBuilder(current).timeout(timeout).GET().build();
                HttpResponse<InputStream> response = http.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status / 100 == 3 && response.headers().firstValue("location").isPresent()) {
                    response.body().close();
                    current = current.resolve(response.headers().firstValue("location").get());
                    continue;
                }
                try (InputStream body = response.body()) {
                    if (status != 200) {
                        throw failed(url, "the server answered HTTP " + status);
                    }
                    Files.copy(body, target);
                }
                String actual = Sha256.of(target);
                if (expected.isPresent() && !expected.get().equals(actual)) {
                    Files.deleteIfExists(target);
                    throw new HostException(HostError.PLUGIN_INSTALLATION_FAILED, "the download from " + url
                            + " has SHA-256 " + actual + ", not the expected " + expected.get() + "; nothing was installed",
                            Map.of("url", url.toString(), "expected_sha256", expected.get(), "actual_sha256", actual));
                }
                return;
            }
            throw failed(url, "more than " + MAX_REDIRECTS + " redirects");
        } catch (IOException e) {
            PluginStore.deleteQuietly(target);
            throw failed(url, reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PluginStore.deleteQuietly(target);
            throw failed(url, "interrupted");
        } catch (RuntimeException e) {
            PluginStore.deleteQuietly(target);
            throw e;
        }
    }

    private void refuseIfNotAllowed(URI url) {
        policy.refusal(url).ifPresent(why -> {
            throw HostException.invalid("url", "is refused: " + why, "the URL " + url + " is refused: " + why);
        });
    }

    /** Java's HttpClient often throws with no message (a refused connection is a bare ConnectException). */
    private static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return switch (e) {
            case java.net.ConnectException refused -> "the connection was refused (is the server up, and is the port right?)";
            case java.net.http.HttpTimeoutException late -> "the server did not answer in time";
            default -> e.getClass().getSimpleName();
        };
    }

    private static HostException failed(URI url, String why) {
        return new HostException(HostError.PLUGIN_INSTALLATION_FAILED, "the package at " + url + " could not be downloaded: "
                + why, Map.of("url", url.toString()));
    }

    /** Accepts {@code sha256:<hex>} or bare hex, any case. */
    static String normalized(String sha256) {
        String value = sha256.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith(Sha256.PREFIX)) {
            value = value.substring(Sha256.PREFIX.length());
        }
        if (!Sha256.isHex(value)) {
            String why = "the expected SHA-256 must be 64 hexadecimal digits, not '" + sha256 + "'";
            throw HostException.invalid("sha256", why, why);
        }
        return value;
    }

    /** Closes the connections, when any were made. */
    @Override
    public void close() {
        http.close();
    }
}
