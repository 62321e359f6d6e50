package dev.plughub.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plughub.core.archive.PackageFormat;
import dev.plughub.core.checksum.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * A client for the Plughub registry API ({@code /api/v1}). Every call either returns the answer's
 * data or throws a {@link PlughubClientException}: {@link RegistryException} when the registry said
 * no (with its status and error code), {@link RegistryUnreachableException} when it could not be
 * reached or stopped answering in time, {@link ChecksumMismatchException} when a download was
 * corrupt, {@link LocalFileException} when a file here could not be read (a package to publish) or
 * written (a download). Instances are immutable and safe to share between threads. {@link #close()}
 * ends the connections, which the clients made by {@link #withToken} share.
 *
 * <p>Time limits ({@link Builder}): connecting, waiting for an answer once the request is sent (for an
 * upload: once its last byte is sent), and a stall limit for uploads and downloads, which may take as
 * long as they need while bytes keep moving but are abandoned when none move for that long.
 */
public final class PlughubClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER = 64 * 1024;

    /** The default time limits, in seconds (see {@link Builder}). */
    public static final int DEFAULT_CONNECT_SECONDS = 10;
    public static final int DEFAULT_RESPONSE_SECONDS = 60;
    public static final int DEFAULT_STALL_SECONDS = 60;

    /** The time limits of a client (see {@link Builder}). */
    private record Timeouts(Duration connect, Duration response, Duration stall) {
    }

    private final URI baseUrl;
    private final String shownUrl;
    private final Optional<String> token;
    private final HttpClient http;
    private final Timeouts timeouts;

    private PlughubClient(URI baseUrl, Optional<String> token, HttpClient http, Timeouts timeouts) {
        this.baseUrl = baseUrl;
        this.shownUrl = RegistryAddress.shown(baseUrl);
        this.token = token;
        this.http = http;
        this.timeouts = timeouts;
    }

    /**
     * A client for the registry at {@code baseUrl} (e.g. {@code http://localhost:8080}) with the
     * default time limits ({@link Builder}).
     *
     * @throws IllegalArgumentException when {@code baseUrl} is not an http or https URL
     */
    public static PlughubClient create(String baseUrl) {
        return builder(baseUrl).build();
    }

    /**
     * A builder for a client of the registry at {@code baseUrl}, to set its time limits.
     *
     * @throws IllegalArgumentException when {@code baseUrl} is not an http or https URL
     */
    public static Builder builder(String baseUrl) {
        return new Builder(parseBaseUrl(baseUrl));
    }

    /**
     * Makes a {@link PlughubClient}. Defaults: {@value PlughubClient#DEFAULT_CONNECT_SECONDS} s to
     * connect, {@value PlughubClient#DEFAULT_RESPONSE_SECONDS} s for an answer,
     * {@value PlughubClient#DEFAULT_STALL_SECONDS} s without a byte moving before an upload or download
     * is abandoned.
     */
    public static final class Builder {
        private final URI baseUrl;
        private Duration connect = Duration.ofSeconds(DEFAULT_CONNECT_SECONDS);
        private Duration response = Duration.ofSeconds(DEFAULT_RESPONSE_SECONDS);
        private Duration stall = Duration.ofSeconds(DEFAULT_STALL_SECONDS);

        private Builder(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** How long to wait for the connection to the registry to open. */
        public Builder connectTimeout(Duration limit) {
            this.connect = positive(limit, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for the registry's answer (its status and headers) once the request is sent;
         * for a publish, once the last byte of the package is sent.
         */
        public Builder responseTimeout(Duration limit) {
            this.response = positive(limit, "responseTimeout");
            return this;
        }

        /** How long an upload or download may go without a byte moving before it is abandoned. */
        public Builder stallTimeout(Duration limit) {
            this.stall = positive(limit, "stallTimeout");
            return this;
        }

        public PlughubClient build() {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connect)
                    .followRedirects(HttpClient.Redirect.NORMAL);
            if (baseUrl.getScheme().equalsIgnoreCase("http")) {
                builder.sslContext(new PlainHttpOnly());
            }
            return new PlughubClient(baseUrl, Optional.empty(), builder.build(), new Timeouts(connect, response, stall));
        }

        private static Duration positive(Duration limit, String name) {
            if (limit == null || limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, not " + limit);
            }
            return limit;
        }
    }

    /** The same client, sending {@code Authorization: Bearer <token>} (a personal access token or the operator key). */
    public PlughubClient withToken(String token) {
        return new PlughubClient(baseUrl, Optional.ofNullable(token).filter(t -> !t.isBlank()), http, timeouts);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Waits for calls in flight, then closes the connections and the HTTP client's thread, for this
     * client and every client {@link #withToken} made from it. Later calls fail.
     */
    @Override
    public void close() {
        http.close();
    }

    /** {@code http://host:port} with no trailing slash or path, the canonical form of a registry's address. */
    public static URI parseBaseUrl(String text) {
        String value = text == null ? "" : text.trim();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("The registry address must be an http:// or https:// URL such as "
                        + "http://localhost:8080, not '" + RegistryAddress.shown(text) + "'");
            }
            if (uri.getPort() > 65_535) {
                throw new IllegalArgumentException("The registry address '" + RegistryAddress.shown(text) + "' names port "
                        + uri.getPort() + ", and ports go from 1 to 65535");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The registry address '" + RegistryAddress.shown(text) + "' is not a valid URL: "
                    + RegistryAddress.shown(e.getReason()));
        }
    }

    // --- system ---

    public Health health() {
        return Health.from(call(get("/api/v1/health")));
    }

    /** The {@code data} of {@code GET /api/v1/info}: name, version, formats, documentation links. */
    public JsonNode info() {
        return call(get("/api/v1/info")).path("data");
    }

    // --- accounts ---

    /** Creates an account and returns a session for it (logging in when the registration answer carries no token). */
    public Session register(String username, String password, Optional<String> email) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        email.ifPresent(e -> body.put("email", e));
        JsonNode answer = call(postJson("/api/v1/auth/register", body));
        return session(answer, username).orElseGet(() -> login(username, password));
    }

    /** Exchanges a user name and password for a token. */
    public Session login(String username, String password) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        JsonNode answer = call(postJson("/api/v1/auth/login", body));
        return session(answer, username).orElseThrow(() -> new RegistryException(200, "INVALID_RESPONSE",
                "The registry accepted the login but its answer carries no token", answer));
    }

    /**
     * Revokes this client's token on the registry ({@code POST /api/v1/auth/logout}), so a copy of
     * it stops working too. A token the registry no longer accepts is a {@link RegistryException} (401).
     */
    public void logout() {
        call(postJson("/api/v1/auth/logout", JSON.createObjectNode()));
    }

    /** The session in a register or login answer: {@code data: {token, expires_at, user: {username}}}. */
    private static Optional<Session> session(JsonNode answer, String username) {
        JsonNode data = answer.path("data");
        return Nodes.text(data, "token").filter(t -> !t.isBlank()).map(token -> new Session(token,
                Nodes.text(data.path("user"), "username").orElse(username), Nodes.instant(data, "expires_at"), data));
    }

    // --- catalog ---

    public PluginPage search(SearchQuery query) {
        Map<String, String> params = new LinkedHashMap<>();
        query.text().ifPresent(t -> params.put("search", t));
        params.put("page", String.valueOf(query.page()));
        params.put("limit", String.valueOf(query.limit()));
        query.sort().ifPresent(s -> params.put("sort", s));
        query.order().ifPresent(o -> params.put("order", o));
        query.tag().ifPresent(t -> params.put("tag", t));
        query.category().ifPresent(c -> params.put("category", c));
        return PluginPage.from(call(get("/api/v1/plugins" + queryString(params))).path("data"));
    }

    public PluginDetail plugin(String id) {
        return PluginDetail.from(call(get(pluginPath(id))).path("data"));
    }

    /** The versions of a plugin, newest first. */
    public List<VersionSummary> versions(String id) {
        JsonNode data = call(get(pluginPath(id) + "/versions")).path("data");
        return Nodes.items(data, "versions").stream().map(VersionSummary::from).toList();
    }

    public VersionDetail version(String id, String version) {
        return VersionDetail.from(call(get(pluginPath(id) + "/versions/" + segment(version))).path("data"));
    }

    // --- publish ---

    /**
     * Uploads a package ({@code POST /api/v1/plugins/upload}, multipart {@code plugin_file}), streamed
     * from the file. With {@code sha256} the registry checks the bytes it received against it. An
     * upload the registry stops taking for the stall limit, or does not answer within the response
     * limit once it is sent, is abandoned ({@link RegistryUnreachableException}, {@code TIMED_OUT}); a
     * file that cannot be read is a {@link LocalFileException}.
     */
    public Published publish(Path file, Optional<String> sha256, Optional<String> changelog, TransferListener listener) {
        Map<String, String> fields = new LinkedHashMap<>();
        sha256.ifPresent(s -> fields.put("sha256", s));
        changelog.ifPresent(c -> fields.put("changelog", c));
        String mediaType = PackageFormat.fromFileName(file.getFileName().toString())
                .map(PackageFormat::mediaType).orElse("application/octet-stream");
        MultipartBody body;
        try {
            body = MultipartBody.of(fields, "plugin_file", file, mediaType);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        UploadActivity activity = new UploadActivity(listener);
        HttpRequest request = authorized(HttpRequest.newBuilder(uri("/api/v1/plugins/upload")))
                .header("Content-Type", body.contentType())
                .header("Accept", "application/json")
                // lets the registry refuse (too large, no credentials) before the package is sent
                .expectContinue(true)
                .POST(body.publisher(activity))
                .build();
        listener.started(body.fileSize());
        try {
            HttpResponse<byte[]> response = awaitUpload(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()),
                    activity, body.fileSize());
            return Published.from(answer(unredirected(request, response), request).path("data"));
        } finally {
            listener.finished();
        }
    }

    /**
     * Waits for the answer to an upload: as long as the package's bytes keep being taken, then the
     * response limit from the last one. No byte taken for the stall limit cancels the exchange.
     */
    private <T> HttpResponse<T> awaitUpload(CompletableFuture<HttpResponse<T>> pending, UploadActivity activity, long size) {
        long tick = Math.max(10, Math.min(1000, timeouts.stall().toMillis() / 5));
        while (true) {
            try {
                return pending.get(tick, TimeUnit.MILLISECONDS);
            } catch (TimeoutException waiting) {
                boolean sent = activity.bytes() >= size;
                Duration limit = sent ? timeouts.response() : timeouts.stall();
                if (activity.idle().compareTo(limit) > 0) {
                    pending.cancel(true);
                    throw new RegistryUnreachableException(sent
                            ? "The registry at " + shownUrl + " did not answer the upload within " + Seconds.of(limit)
                                    + " of receiving it"
                            : "The upload to the registry at " + shownUrl + " stalled: it took no data for "
                                    + Seconds.of(limit) + " (" + activity.bytes() + " of " + size + " bytes sent)",
                            RegistryUnreachableException.Reason.TIMED_OUT, null);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                for (Throwable t = cause; t != null; t = t.getCause()) {
                    if (t instanceof MultipartBody.Unreadable unreadable) {
                        throw unreadable(unreadable.file, (IOException) unreadable.getCause());
                    }
                }
                if (cause instanceof IOException io) {
                    throw unreachable(io);
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new RegistryUnreachableException("The upload to the registry at " + shownUrl + " failed: " + cause,
                        cause);
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                throw interrupted(e);
            }
        }
    }

    /** Passes upload progress on, noting when the last bytes were taken. */
    private static final class UploadActivity implements TransferListener {
        private final TransferListener listener;
        private volatile long bytes;
        private volatile long lastMoved = System.nanoTime();

        UploadActivity(TransferListener listener) {
            this.listener = listener;
        }

        @Override
        public void transferred(long total) {
            bytes = total;
            lastMoved = System.nanoTime();
            listener.transferred(total);
        }

        long bytes() {
            return bytes;
        }

        Duration idle() {
            return Duration.ofNanos(System.nanoTime() - lastMoved);
        }
    }

    private static LocalFileException unreadable(Path file, IOException e) {
        return new LocalFileException("Cannot read " + file + ": " + describe(e), file, LocalFileException.Access.READ, e);
    }

    // --- download ---

    /**
     * Downloads a package ({@code GET /api/v1/plugins/{id}/download}), the newest stable version when
     * {@code version} is empty. {@code target} is a folder (when it is an existing directory) to save
     * the file in, or else the file to write. In a folder the file is named {@code {id}-{version}.{ext}}
     * ({@link Downloaded#fileName()}): the id asked for, the version the registry's file name reports
     * (it must be the one asked for, if one was), and the extension of a package format ({@code zip},
     * {@code tar.gz}, {@code tgz}, {@code jar}) from that name or the media type; an answer that names
     * no version or format cannot be saved in a folder, only to a file named by the caller.
     *
     * <p>The bytes go to a temporary file beside the target, are checked against the SHA-256 the
     * registry announces ({@code X-Checksum} or {@code ETag}) and are then renamed into place, so the
     * target is never left half-written; the temporary file is removed on any failure and when the JVM
     * stops mid-download. A symbolic link is followed to its file; a device or pipe already at the
     * target ({@code /dev/null}, {@code /dev/stdout}) is written into once the bytes are checked, not
     * replaced. A registry that sends no bytes for the stall limit is abandoned. A file that cannot be
     * written is a {@link LocalFileException}.
     */
    public Downloaded download(String id, Optional<String> version, Path target, TransferListener listener) {
        String what = id + version.map(v -> "@" + v).orElse("");
        Fetched fetched = fetch(id, version);
        try (BodyStream in = fetched.body()) {
            Optional<String> name = PackageFileName.of(id, version, fetched.headers(), what);
            boolean folder = Files.isDirectory(target);
            if (folder && name.isEmpty()) {
                throw new RegistryException(fetched.status(), "INVALID_RESPONSE",
                        PackageFileName.missing(version, fetched.headers()), null);
            }
            Path destination = folder ? target.resolve(name.get()) : target;
            String fileName = name.orElse(String.valueOf(destination.getFileName()));
            if (Files.exists(destination) && !Files.isRegularFile(destination) && !Files.isDirectory(destination)) {
                return intoSpecialFile(in, fetched.headers(), destination, fileName, what, listener);
            }
            Path file = throughLinks(destination);
            try {
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                try (PartFile part = PartFile.in(parent, fileName)) {
                    Received received = receive(in, fetched.headers(), part, what, listener);
                    part.moveTo(file);
                    return new Downloaded(file, fileName, received.size(), received.sha256(), received.verified());
                }
            } catch (IOException e) {
                throw unwritable(file, e);
            }
        }
    }

    /**
     * Downloads a package as {@link #download(String, Optional, Path, TransferListener)} does, into
     * {@code sink} (standard output, say): the bytes are checked against the announced SHA-256 in a
     * temporary file first, so a corrupt download writes nothing to the stream. The answer's
     * {@link Downloaded#path()} is {@code -}, and its file name the one it would have in a folder (empty
     * when the registry named none). {@code sink} is flushed, not closed.
     */
    public Downloaded download(String id, Optional<String> version, OutputStream sink, TransferListener listener) {
        String what = id + version.map(v -> "@" + v).orElse("");
        Fetched fetched = fetch(id, version);
        Path stream = Path.of("-");
        try (BodyStream in = fetched.body(); PartFile part = PartFile.temporary()) {
            String fileName = PackageFileName.of(id, version, fetched.headers(), what).orElse("");
            Received received = receive(in, fetched.headers(), part, what, listener);
            Files.copy(part.path(), sink);
            sink.flush();
            return new Downloaded(stream, fileName, received.size(), received.sha256(), received.verified());
        } catch (IOException e) {
            throw new LocalFileException("Cannot write the download of " + what + ": " + describe(e), stream,
                    LocalFileException.Access.WRITE, e);
        }
    }

    /** A download answer with its status checked, its body not yet read. */
    private record Fetched(int status, DownloadHeaders headers, BodyStream body) {
    }

    private Fetched fetch(String id, Optional<String> version) {
        String query = version.map(v -> queryString(Map.of("version", v))).orElse("");
        HttpRequest request = authorized(HttpRequest.newBuilder(uri(pluginPath(id) + "/download" + query)))
                .timeout(timeouts.response()).GET().build();
        HttpResponse<BodyStream> response = send(request, BodyStream.handler(timeouts.stall()));
        BodyStream in = response.body();
        if (response.statusCode() / 100 != 2) {
            byte[] body = readError(in);
            in.close();
            throw error(response.statusCode(), body, request, response.headers());
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html")) {   // a web page where a package was expected: not a registry
            in.close();
            throw new RegistryException(response.statusCode(), "INVALID_RESPONSE", "The answer of GET "
                    + RegistryAddress.shown(request.uri()) + " is a web page, not a package; is " + shownUrl
                    + " a Plughub registry?", null);
        }
        return new Fetched(response.statusCode(), DownloadHeaders.of(response.headers()), in);
    }

    /** A device or pipe at the target: written into once the bytes are checked, never replaced by a file. */
    private Downloaded intoSpecialFile(InputStream in, DownloadHeaders headers, Path destination, String fileName,
                                       String what, TransferListener listener) {
        try (PartFile part = PartFile.temporary()) {
            Received received = receive(in, headers, part, what, listener);
            try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                Files.copy(part.path(), out);
            }
            return new Downloaded(destination, fileName, received.size(), received.sha256(), received.verified());
        } catch (IOException e) {
            throw unwritable(destination, e);
        }
    }

    private record Received(long size, String sha256, boolean verified) {
    }

    /** Writes the body to the part file and checks its length and SHA-256; the part file is left to the caller. */
    private Received receive(InputStream in, DownloadHeaders headers, PartFile part, String what,
                             TransferListener listener) throws IOException {
        listener.started(headers.contentLength().orElse(-1));
        try {
            MessageDigest digest = Sha256.newDigest();
            long written = 0;
            try (OutputStream out = part.open()) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = readBody(in, buffer, what)) != -1; ) {
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    written += n;
                    listener.transferred(written);
                }
            }
            if (headers.contentLength().isPresent() && headers.contentLength().getAsLong() != written) {
                throw new RegistryUnreachableException("The download of " + what + " ended after " + written
                        + " of " + headers.contentLength().getAsLong() + " bytes; nothing was saved", null);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (headers.sha256().isPresent() && !headers.sha256().get().equals(actual)) {
                throw new ChecksumMismatchException(what, headers.sha256().get(), actual);
            }
            return new Received(written, actual, headers.sha256().isPresent());
        } finally {
            listener.finished();
        }
    }

    /**
     * The file a symbolic link leads to (as curl -o writes through a link): the link itself is never
     * replaced by a file.
     */
    private static Path throughLinks(Path destination) {
        Path path = destination;
        try {
            for (int hops = 0; Files.isSymbolicLink(path) && hops < 40; hops++) {
                path = path.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(path));
            }
        } catch (IOException e) {
            throw unwritable(destination, e);
        }
        return path;
    }

    private static LocalFileException unwritable(Path file, IOException e) {
        return new LocalFileException("Cannot save the download to " + file + ": " + describe(e), file,
                LocalFileException.Access.WRITE, e);
    }

    private static byte[] readError(InputStream in) {
        try {
            return in.readNBytes(1024 * 1024);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Reads from the response body; a failure there is the connection's, not the disk's. */
    private int readBody(InputStream in, byte[] buffer, String what) {
        try {
            return in.read(buffer);
        } catch (BodyStream.Stalled e) {
            throw new RegistryUnreachableException("The download of " + what + " stalled: the registry at " + shownUrl
                    + " sent no data for " + Seconds.of(e.limit) + "; nothing was saved",
                    RegistryUnreachableException.Reason.TIMED_OUT, e);
        } catch (java.io.InterruptedIOException e) {
            throw new RegistryUnreachableException("The download of " + what + " was interrupted; nothing was saved",
                    RegistryUnreachableException.Reason.INTERRUPTED, e);
        } catch (IOException e) {
            throw new RegistryUnreachableException("The connection broke during the download of " + what + ": "
                    + describe(e) + "; nothing was saved", e);
        }
    }

    // --- plumbing ---

    private HttpRequest get(String path) {
        return authorized(HttpRequest.newBuilder(uri(path))).timeout(timeouts.response())
                .header("Accept", "application/json").GET().build();
    }

    private HttpRequest postJson(String path, JsonNode body) {
        return authorized(HttpRequest.newBuilder(uri(path))).timeout(timeouts.response())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder.header("User-Agent", "plughub-client");
    }

    private JsonNode call(HttpRequest request) {
        return answer(send(request, HttpResponse.BodyHandlers.ofByteArray()), request);
    }

    /**
     * Sends the request, following redirects that keep its method. A redirect that would turn it into
     * a GET (301, 302 or 303 after a POST or DELETE) would drop what was sent and answer something
     * else, so it is refused, naming where the registry pointed: the address is wrong.
     */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return unredirected(request, http.send(request, handler));
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private <T> HttpResponse<T> unredirected(HttpRequest request, HttpResponse<T> response) {
        Optional<HttpResponse<T>> redirect = response.previousResponse();
        if (redirect.isPresent() && !response.request().method().equals(request.method())) {
            if (response.body() instanceof java.io.Closeable open) {
                try {
                    open.close();
                } catch (IOException ignored) {
                    // the answer is refused either way
                }
            }
            HttpResponse<T> first = redirect.get();
            while (first.previousResponse().isPresent()) {
                first = first.previousResponse().get();
            }
            String target = first.headers().firstValue("Location").orElse(response.uri().toString());
            throw new RegistryException(first.statusCode(), "REDIRECTED", "The registry at " + shownUrl
                    + " redirected " + request.method() + " " + request.uri().getPath() + " to " + RegistryAddress.shown(target)
                    + " (HTTP " + first.statusCode() + "), which would turn it into a GET and lose what was sent;"
                    + " set the registry address to where it points", null);
        }
        return response;
    }

    private RegistryUnreachableException interrupted(InterruptedException e) {
        return new RegistryUnreachableException("Interrupted while waiting for the registry at " + shownUrl,
                RegistryUnreachableException.Reason.INTERRUPTED, e);
    }

    private JsonNode answer(HttpResponse<byte[]> response, HttpRequest request) {
        if (response.statusCode() / 100 != 2) {
            throw error(response.statusCode(), response.body(), request, response.headers());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(response.statusCode(), "INVALID_RESPONSE", "The answer of " + request.method()
                    + " " + RegistryAddress.shown(request.uri()) + " is not JSON; is " + shownUrl + " a Plughub registry?", null);
        }
    }

    private RegistryException error(int status, byte[] body, HttpRequest request, java.net.http.HttpHeaders headers) {
        // a 429 says when to come back; people and scripts both want to know
        String retry = headers.firstValue("Retry-After").map(String::trim).filter(s -> s.matches("\\d+"))
                .map(s -> "; try again in " + s + " s").orElse("");
        try {
            JsonNode envelope = JSON.readTree(body);
            if (envelope != null && envelope.path("error").isTextual()) {
                String code = Nodes.text(envelope, "code").orElse("HTTP_" + status);
                String message = envelope.path("error").asText().strip();
                if (message.contains("try again")) {   // the registry's own sentence already says when
                    return new RegistryException(status, code, message, envelope.path("details"));
                }
                if (!retry.isEmpty() && message.endsWith(".")) {
                    message = message.substring(0, message.length() - 1);
                }
                return new RegistryException(status, code, message + retry, envelope.path("details"));
            }
        } catch (JacksonException notJson) {
            // fall through: a proxy or another server answered
        } catch (IOException impossible) {
            // reading a byte array does no I/O
        }
        if (status == 413) {   // a proxy in front of the registry (nginx's client_max_body_size) answers so
            return new RegistryException(status, "HTTP_413", "The file is too large for the registry at " + shownUrl
                    + " or a proxy in front of it: " + request.method() + " " + request.uri().getPath()
                    + " was answered HTTP 413 (Payload Too Large) without a Plughub error", null);
        }
        return new RegistryException(status, "HTTP_" + status, "The registry answered " + request.method() + " "
                + request.uri().getPath() + " with HTTP " + status + " and no Plughub error" + retry, null);
    }

    private RegistryUnreachableException unreachable(IOException e) {
        RegistryUnreachableException.Reason reason = reason(e);
        String message = switch (reason) {
            case TLS -> "Cannot connect securely to the registry at " + shownUrl + ": " + describe(e);
            case TIMED_OUT -> e instanceof HttpConnectTimeoutException
                    ? "Cannot reach the registry at " + shownUrl + ": the connection timed out (" + Seconds.of(timeouts.connect()) + ")"
                    : "The registry at " + shownUrl + " did not answer within " + Seconds.of(timeouts.response());
            default -> "Cannot reach the registry at " + shownUrl + ": " + describe(e);
        };
        return new RegistryUnreachableException(message, reason, e);
    }

    /** Which kind of failure a connection's exception is. */
    static RegistryUnreachableException.Reason reason(IOException e) {
        if (find(e, SSLException.class) != null) {
            return RegistryUnreachableException.Reason.TLS;
        }
        if (e instanceof HttpTimeoutException) {
            return RegistryUnreachableException.Reason.TIMED_OUT;
        }
        if (find(e, java.nio.channels.UnresolvedAddressException.class) != null
                || find(e, java.net.UnknownHostException.class) != null) {
            return RegistryUnreachableException.Reason.UNKNOWN_HOST;
        }
        if (e instanceof ConnectException) {
            return RegistryUnreachableException.Reason.CONNECTION_REFUSED;
        }
        return RegistryUnreachableException.Reason.CONNECTION_BROKEN;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** What went wrong with the connection, in a few words for the end of a sentence. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (find(e, SSLException.class) != null) {
            return tls(find(e, SSLException.class));
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "the connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host (the name does not resolve)";
            }
        }
        if (e instanceof ConnectException) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getMessage() == null ? "connection refused" : cause.getMessage().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** What went wrong in a TLS handshake, saying what to check. */
    private static String tls(SSLException e) {
        if (find(e, java.security.cert.CertPathBuilderException.class) != null
                || find(e, java.security.cert.CertPathValidatorException.class) != null) {
            return "its TLS certificate is not trusted by this Java installation (no trusted certification path;"
                    + " a self-signed certificate or a private CA needs to be in the trust store)";
        }
        if (find(e, java.security.cert.CertificateException.class) != null) {
            return "its TLS certificate is not valid for this address ("
                    + find(e, java.security.cert.CertificateException.class).getMessage() + ")";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Unsupported or unrecognized SSL message") || message.contains("plaintext")) {
            return "it does not answer TLS on that port (is it a plain http:// address?)";
        }
        return "the TLS handshake failed (" + (message.isEmpty() ? e.getClass().getSimpleName() : message)
                + "; is it a plain http:// address?)";
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String pluginPath(String id) {
        return "/api/v1/plugins/" + segment(id);
    }

    /** Percent-encodes one path segment (everything but RFC 3986's unreserved characters). */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String queryString(Map<String, String> params) {
        StringJoiner joiner = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> joiner.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return params.isEmpty() ? "" : joiner.toString();
    }
}
