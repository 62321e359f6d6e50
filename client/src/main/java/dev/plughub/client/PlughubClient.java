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
import java.io.UncheckedIOException;
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
import java.nio.file.StandardCopyOption;
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
import java.util.UUID;

/**
 * A client for the Plughub registry API ({@code /api/v1}). Every call either returns the answer's
 * data or throws a {@link PlughubClientException}: {@link RegistryException} when the registry said
 * no (with its status and error code), {@link RegistryUnreachableException} when it could not be
 * reached, {@link ChecksumMismatchException} when a download was corrupt. Instances are immutable
 * and safe to share between threads. {@link #close()} ends the connections, which the clients made
 * by {@link #withToken} share.
 */
public final class PlughubClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final int BUFFER = 64 * 1024;

    private final URI baseUrl;
    private final Optional<String> token;
    private final HttpClient http;

    private PlughubClient(URI baseUrl, Optional<String> token, HttpClient http) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = http;
    }

    /**
     * A client for the registry at {@code baseUrl} (e.g. {@code http://localhost:8080}).
     *
     * @throws IllegalArgumentException when {@code baseUrl} is not an http or https URL
     */
    public static PlughubClient create(String baseUrl) {
        URI url = parseBaseUrl(baseUrl);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (url.getScheme().equalsIgnoreCase("http")) {
            builder.sslContext(new PlainHttpOnly());
        }
        return new PlughubClient(url, Optional.empty(), builder.build());
    }

    /** The same client, sending {@code Authorization: Bearer <token>} (a personal access token or the operator key). */
    public PlughubClient withToken(String token) {
        return new PlughubClient(baseUrl, Optional.ofNullable(token).filter(t -> !t.isBlank()), http);
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
                        + "http://localhost:8080, not '" + text + "'");
            }
            if (uri.getPort() > 65_535) {
                throw new IllegalArgumentException("The registry address '" + text + "' names port " + uri.getPort()
                        + ", and ports go from 1 to 65535");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The registry address '" + text + "' is not a valid URL: " + e.getReason());
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
     * from the file. With {@code sha256} the registry checks the bytes it received against it.
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
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        HttpRequest request = authorized(HttpRequest.newBuilder(uri("/api/v1/plugins/upload")))
                .header("Content-Type", body.contentType())
                .header("Accept", "application/json")
                // lets the registry refuse (too large, no credentials) before the package is sent
                .expectContinue(true)
                .POST(body.publisher(listener))
                .build();
        listener.started(body.fileSize());
        try {
            return Published.from(answer(send(request, HttpResponse.BodyHandlers.ofByteArray()), request).path("data"));
        } finally {
            listener.finished();
        }
    }

    // --- download ---

    /**
     * Downloads a package ({@code GET /api/v1/plugins/{id}/download}), the newest stable version when
     * {@code version} is empty. {@code target} is a folder (when it is an existing directory) to save
     * the file in under the name the registry gives it, or else the file to write. The bytes go to a
     * temporary file beside the target, are checked against the SHA-256 the registry announces
     * ({@code X-Checksum} or {@code ETag}) and are then renamed into place, so the target is never
     * left half-written. A symbolic link is followed to its file; a device or pipe already at the
     * target ({@code /dev/null}) is written into, not replaced.
     */
    public Downloaded download(String id, Optional<String> version, Path target, TransferListener listener) {
        String query = version.map(v -> queryString(Map.of("version", v))).orElse("");
        HttpRequest request = authorized(HttpRequest.newBuilder(uri(pluginPath(id) + "/download" + query))).GET().build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw error(response.statusCode(), readError(in), request, response.headers());
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (type.startsWith("text/html")) {   // a web page where a package was expected: not a registry
                throw new RegistryException(response.statusCode(), "INVALID_RESPONSE", "The answer of GET " + request.uri()
                        + " is a web page, not a package; is " + baseUrl + " a Plughub registry?", null);
            }
            DownloadHeaders headers = DownloadHeaders.of(response.headers());
            String fileName = headers.fileName().orElseGet(() -> fallbackName(id, version, response));
            Path destination = throughLinks(Files.isDirectory(target) ? target.resolve(fileName) : target);
            return save(in, headers, destination, fileName, id + version.map(v -> "@" + v).orElse(""), listener);
        } catch (IOException e) {
            throw unreachable(request, e);
        }
    }

    /**
     * The file a symbolic link leads to (as curl -o writes through a link): the link itself is never
     * replaced by a file.
     */
    private static Path throughLinks(Path destination) throws IOException {
        Path path = destination;
        for (int hops = 0; Files.isSymbolicLink(path) && hops < 40; hops++) {
            path = path.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(path));
        }
        return path;
    }

    private Downloaded save(InputStream in, DownloadHeaders headers, Path destination, String fileName,
                            String what, TransferListener listener) {
        Path temp = null;
        boolean moved = false;
        // A device or pipe already there (-o /dev/null) is written into, never replaced by a file.
        boolean special = Files.exists(destination) && !Files.isRegularFile(destination) && !Files.isDirectory(destination);
        listener.started(headers.contentLength().orElse(-1));
        try {
            Path folder = destination.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            // not createTempFile: its mode 600 would stay on the package; this one gets the umask's
            temp = special ? null : folder.resolve("." + fileName + "." + UUID.randomUUID() + ".part");
            MessageDigest digest = Sha256.newDigest();
            long written = 0;
            try (OutputStream out = special
                    ? Files.newOutputStream(destination, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
                    : Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = readBody(in, buffer)) != -1; ) {
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
            if (!special) {
                Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return new Downloaded(destination, fileName, written, actual, headers.sha256().isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the download to " + destination + ": " + describe(e), e);
        } finally {
            listener.finished();
            if (!moved && temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the error being reported matters more than a leftover .part file
                }
            }
        }
    }

    private static byte[] readError(InputStream in) {
        try {
            return in.readNBytes(1024 * 1024);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Reads from the response body; a failure there is the connection's, not the disk's. */
    private static int readBody(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new RegistryUnreachableException("The connection broke during the download: " + describe(e), e);
        }
    }

    private static String fallbackName(String id, Optional<String> version, HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        String extension = "bin";
        for (PackageFormat format : PackageFormat.values()) {
            if (type.startsWith(format.mediaType())) {
                extension = format.extension();
            }
        }
        return id + "-" + version.orElse("latest") + "." + extension;
    }

    // --- plumbing ---

    private HttpRequest get(String path) {
        return authorized(HttpRequest.newBuilder(uri(path))).timeout(CALL_TIMEOUT)
                .header("Accept", "application/json").GET().build();
    }

    private HttpRequest postJson(String path, JsonNode body) {
        return authorized(HttpRequest.newBuilder(uri(path))).timeout(CALL_TIMEOUT)
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
            HttpResponse<T> response = http.send(request, handler);
            Optional<HttpResponse<T>> redirect = response.previousResponse();
            if (redirect.isPresent() && !response.request().method().equals(request.method())) {
                if (response.body() instanceof java.io.Closeable open) {
                    open.close();
                }
                HttpResponse<T> first = redirect.get();
                while (first.previousResponse().isPresent()) {
                    first = first.previousResponse().get();
                }
                String target = first.headers().firstValue("Location").orElse(response.uri().toString());
                throw new RegistryException(first.statusCode(), "REDIRECTED", "The registry at " + baseUrl
                        + " redirected " + request.method() + " " + request.uri().getPath() + " to " + target
                        + " (HTTP " + first.statusCode() + "), which would turn it into a GET and lose what was sent;"
                        + " set the registry address to where it points", null);
            }
            return response;
        } catch (IOException e) {
            throw unreachable(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnreachableException("Interrupted while waiting for the registry at " + baseUrl, e);
        }
    }

    private JsonNode answer(HttpResponse<byte[]> response, HttpRequest request) {
        if (response.statusCode() / 100 != 2) {
            throw error(response.statusCode(), response.body(), request, response.headers());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(response.statusCode(), "INVALID_RESPONSE", "The answer of " + request.method()
                    + " " + request.uri() + " is not JSON; is " + baseUrl + " a Plughub registry?", null);
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
        return new RegistryException(status, "HTTP_" + status, "The registry answered " + request.method() + " "
                + request.uri().getPath() + " with HTTP " + status + " and no Plughub error" + retry, null);
    }

    private RegistryUnreachableException unreachable(HttpRequest request, IOException e) {
        return new RegistryUnreachableException("Cannot reach the registry at " + baseUrl + ": " + describe(e), e);
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
