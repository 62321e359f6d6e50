package dev.plughub.registry.downloads;

import dev.plughub.core.manifest.PluginId;
import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.http.BeforeRule;
import dev.plughub.registry.http.FastPathRules;
import dev.plughub.registry.http.InlineAnswers;
import dev.plughub.registry.http.PluginRead;
import dev.plughub.registry.ratelimit.ClientKey;
import dev.plughub.registry.ratelimit.TrustedProxies;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the plainest download — {@code GET /api/v1/plugins/{id}/download}, at most with
 * {@code ?version=}, no range, no validator, no credentials — of a package kept on this machine in
 * Jetty's own handler, from the file's mapping, before Javalin and the servlet layer (which cost a
 * small download more than the rest of it). It answers only when every {@link BeforeRule} would leave
 * the download alone and the version is known and mapped in one piece; any other request, and any
 * doubt, goes on to {@link DownloadRoutes} untouched. The answer is the route's: the same status,
 * headers (set by {@link DownloadRoutes#describe}) and bytes, and the download is counted the same way,
 * once the whole body is written.
 */
public final class MappedDownloads extends Handler.Wrapper implements InlineAnswers.FastPath {

    private static final Logger log = LoggerFactory.getLogger(MappedDownloads.class);
    private static final String PREFIX = "/api/v1/plugins/";
    private static final String SUFFIX = "/download";
    private static final String VERSION_QUERY = "version=";
    /** Request headers that ask for what only the route does: a part, a 304 or 412, or a user to count by. */
    private static final List<HttpHeader> ROUTE_ONLY = List.of(HttpHeader.RANGE, HttpHeader.IF_RANGE,
            HttpHeader.IF_NONE_MATCH, HttpHeader.IF_MATCH, HttpHeader.AUTHORIZATION);

    private final VersionLookup versions;
    private final PackageFiles files;
    private final DownloadCounter counter;
    private final TrustedProxies proxies;
    private final FastPathRules rules;

    public MappedDownloads(VersionLookup versions, PackageFiles files, DownloadCounter counter, TrustedProxies proxies,
                           List<BeforeRule> rules) {
        this.versions = versions;
        this.files = files;
        this.counter = counter;
        this.proxies = proxies;
        this.rules = new FastPathRules(rules);
    }

    private record Answer(ServedVersion version, String requested, ByteBuffer bytes) {
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return answer(request, response, callback, false) || super.handle(request, response, callback);
    }

    @Override
    public boolean answerFromMemory(Request request, Response response, Callback callback) {
        return answer(request, response, callback, true);
    }

    /** Sends the mapped package and returns true, or leaves the request alone and returns false. */
    private boolean answer(Request request, Response response, Callback callback, boolean memoryOnly) {
        Answer answer = answerable(request, memoryOnly);
        HttpFields.Mutable headers = response.getHeaders();
        if (answer == null || !rules.admit(new PluginRead.Download(answer.version().pluginId()), request, headers)) {
            return false;
        }
        response.setStatus(200);
        DownloadRoutes.describe(headers::put, answer.version(), answer.requested());
        headers.put(HttpHeader.CONTENT_LENGTH, answer.bytes().remaining());
        String client = counter.enabled() ? clientKey(request) : null;
        response.write(true, answer.bytes(), Callback.from(() -> {
            if (client != null) {
                counter.record(answer.version(), client);
            }
            callback.succeeded();
        }, failure -> {
            log.debug("Download of {} {} ended early: {}", answer.version().pluginId(), answer.version().version(), failure.toString());
            callback.failed(failure);
        }));
        return true;
    }

    /**
     * What to send, when this request may have it from here; null sends it the full way. With
     * {@code memoryOnly} nothing is looked up or mapped that is not already: that is left to the
     * request's second try, off the selector thread.
     */
    private Answer answerable(Request request, boolean memoryOnly) {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        if (!"GET".equals(request.getMethod()) || path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String pluginId = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        if (pluginId.indexOf('/') >= 0 || !PluginId.isValid(pluginId)) {
            return null;
        }
        String requested = requestedVersion(uri.getQuery());
        if (requested == null && uri.getQuery() != null) {
            return null;
        }
        HttpFields headers = request.getHeaders();
        for (HttpHeader routeOnly : ROUTE_ONLY) {
            if (headers.contains(routeOnly)) {
                return null;
            }
        }
        if (headers.contains(Authenticator.API_KEY_HEADER)) {
            return null;
        }
        PluginRead.Download read = new PluginRead.Download(pluginId);
        if (!(memoryOnly ? rules.allowInMemory(read, headers) : rules.allow(read, headers))) {
            return null;
        }
        if (memoryOnly) {
            return versions.cached(pluginId, requested)
                    .flatMap(version -> files.mappedAlready(version.sha256())
                            .filter(bytes -> bytes.remaining() == version.fileSize())
                            .map(bytes -> new Answer(version, requested, bytes)))
                    .orElse(null);
        }
        try {
            ServedVersion version = versions.find(pluginId, requested);
            // Only a blob on this machine is mapped: one in an object store (which the route streams,
            // or redirects to when presigning is on) sends the request the full way.
            return files.mappedWhole(version.sha256(), version.fileSize())
                    .map(bytes -> new Answer(version, requested, bytes))
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;   // an unknown version: the route says why
        }
    }

    /**
     * The value of a query that is exactly {@code version=V}, when V needs no decoding; null for no
     * query and for any other (which the route reads).
     */
    static String requestedVersion(String query) {
        if (query == null || !query.startsWith(VERSION_QUERY)) {
            return null;
        }
        String value = query.substring(VERSION_QUERY.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-';
            if (!plain) {
                return null;
            }
        }
        return value.isEmpty() ? null : value;
    }

    /** As {@link ClientKey#of}: no credentials came, so the key is the client's address. */
    private String clientKey(Request request) {
        return ClientKey.ofAddress(proxies.clientAddress(request));
    }
}
