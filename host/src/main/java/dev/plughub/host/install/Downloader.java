package dev.plughub.host.install;

import dev.plughub.core.PackageRules;
import dev.plughub.core.checksum.Sha256;
import dev.plughub.host.HostError;
import dev.plughub.host.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches a package over HTTP into a staging file, within the {@link UrlPolicy} (checked again on
 * every redirect, so an https link cannot bounce to plain http) and against an expected SHA-256.
 */
public final class Downloader implements AutoCloseable {

    private static final int MAX_REDIRECTS = 5;
    private static final Duration WATCHDOG_PERIOD = Duration.ofMillis(200);

    /**
     * How long a download may take: the answer's headers must come within {@code headers}, the
     * body must not pause longer than {@code stall}, and the whole download must end within
     * {@code total}; {@code maxBytes} is the largest package taken (refused on its Content-Length
     * before a byte is read, and cut off when a body without one goes past it).
     */
    public record Limits(long maxBytes, Duration headers, Duration stall, Duration total) {

        public static Limits defaults() {
            return new Limits(PackageCheck.MAX_PACKAGE_BYTES, Duration.ofMinutes(1), Duration.ofSeconds(30),
                    Duration.ofMinutes(10));
        }
    }

    private final LazyHttpClient http = new LazyHttpClient(() -> HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
    private final UrlPolicy policy;
    private final Limits limits;

    public Downloader(UrlPolicy policy, Limits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    /** Downloads {@code url} to {@code target}; on any failure {@code target} does not exist. */
    public void download(URI url, Optional<String> expectedSha256, Path target) {
        Optional<String> expected = expectedSha256.map(Downloader::normalized);
        URI current = url;
        long deadline = System.nanoTime() + limits.total().toNanos();
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                refuseIfNotAllowed(url, current);
                HttpRequest request = HttpRequest.newBuilder(current).timeout(limits.headers()).GET().build();
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
                    OptionalLong declared = response.headers().firstValueAsLong("content-length");
                    if (declared.isPresent() && declared.getAsLong() > limits.maxBytes()) {
                        throw tooLarge(url, "it is " + declared.getAsLong() + " bytes");
                    }
                    copyWithin(url, body, target, deadline);
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

    /**
     * Copies the body to {@code target}, counting: past {@link Limits#maxBytes} the download is
     * refused as too large, and a watchdog closes the body (which ends a read waiting on it) when no
     * byte came for {@link Limits#stall} or the download passes its deadline.
     */
    private void copyWithin(URI url, InputStream body, Path target, long deadline) throws IOException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicReference<String> cutOff = new AtomicReference<>();
        Thread watchdog = Thread.ofVirtual().name("download-watchdog").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(WATCHDOG_PERIOD);
                    long now = System.nanoTime();
                    String why = now - deadline > 0 ? "it took longer than " + inWords(limits.total())
                            : now - lastProgress.get() > limits.stall().toNanos()
                                    ? "the server sent nothing for " + inWords(limits.stall()) : null;
                    if (why != null) {
                        cutOff.set(why);
                        body.close();
                        return;
                    }
                }
            } catch (InterruptedException | IOException e) {
                // the copy ended first, or the body is closed anyway
            }
        });
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = read(url, body, buffer, cutOff)) >= 0; ) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw tooLarge(url, "it is more than " + limits.maxBytes() + " bytes");
                }
                out.write(buffer, 0, n);
                lastProgress.set(System.nanoTime());
            }
        } finally {
            watchdog.interrupt();
        }
    }

    /** One read of the body; a failure says whether the watchdog stopped it or the connection broke. */
    private static int read(URI url, InputStream body, byte[] buffer, AtomicReference<String> cutOff) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw failed(url, cutOff.get() != null ? "the download was stopped: " + cutOff.get()
                    : "the connection ended before the whole package arrived (" + reason(e) + ")");
        }
    }

    private static String inWords(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + (seconds == 60 ? " minute" : " minutes")
                : seconds + (seconds == 1 ? " second" : " seconds");
    }

    private HostException tooLarge(URI url, String size) {
        return PackageCheck.refused(url.toString(), PackageRules.PACKAGE_TOO_LARGE, size + "; packages may be at most "
                + limits.maxBytes() + " bytes", null);
    }

    /** The URL asked for is the request's mistake (422); where its server redirects is the server's (500). */
    private void refuseIfNotAllowed(URI asked, URI current) {
        policy.refusal(current).ifPresent(why -> {
            if (current.equals(asked)) {
                throw HostException.invalid("download_url", "is refused: " + why,
                        "the URL " + UrlPolicy.shown(asked) + " is refused: " + why);
            }
            throw failed(asked, "it redirects to " + UrlPolicy.shown(current) + ", which is refused: " + why);
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
