package dev.plughub.registry.catalog;

import dev.plughub.core.manifest.PluginId;
import dev.plughub.registry.http.BeforeRule;
import dev.plughub.registry.http.FastPathRules;
import dev.plughub.registry.http.InlineAnswers;
import dev.plughub.registry.http.PluginRead;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code GET /api/v1/plugins/{id}} — the registry's most frequent request — from
 * {@link CatalogCache} in Jetty's own handler, before Javalin and the servlet layer, which cost
 * more than the rest of such a request put together. It answers only when the serialized detail is
 * already cached and every {@link BeforeRule} leaves the request alone or applies itself here (the
 * rate limit on queries, for a client without credentials); everything else goes
 * on to Javalin untouched, where the route fills the cache. The answer is the route's answer, byte
 * for byte: the cached body, its type and its length (the connector adds the rest to both).
 * {@link InlineAnswers} asks it first on Jetty's selector thread ({@link #answerFromMemory}), where
 * it asks no rule that would wait on a database.
 */
public final class CachedDetails extends Handler.Wrapper implements InlineAnswers.FastPath {

    private static final String PREFIX = "/api/v1/plugins/";

    private final CatalogCache cache;
    private final FastPathRules rules;

    public CachedDetails(CatalogCache cache, List<BeforeRule> rules) {
        this.cache = cache;
        this.rules = new FastPathRules(rules);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return answer(request, response, callback, false) || super.handle(request, response, callback);
    }

    @Override
    public boolean answerFromMemory(Request request, Response response, Callback callback) {
        return answer(request, response, callback, true);
    }

    /** Answers from the cache and returns true, or leaves the request alone and returns false. */
    private boolean answer(Request request, Response response, Callback callback, boolean memoryOnly) {
        Optional<String> pluginId = pluginId(request);
        Optional<byte[]> body = pluginId.flatMap(id -> answerable(id, request, memoryOnly));
        if (body.isEmpty() || !rules.admit(new PluginRead.Detail(pluginId.get()), request, response.getHeaders())) {
            return false;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.get().length);
        response.write(true, ByteBuffer.wrap(body.get()), callback);
        return true;
    }

    /** The plugin whose detail a plain {@code GET} asks for; empty for any other request. */
    private static Optional<String> pluginId(Request request) {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        if (!"GET".equals(request.getMethod()) || uri.getQuery() != null || path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String pluginId = path.substring(PREFIX.length());   // a valid id has nothing to decode and no '/'
        if (pluginId.indexOf('/') >= 0 || !PluginId.isValid(pluginId)) {   // the cheap test spares downloads a regex
            return Optional.empty();
        }
        return Optional.of(pluginId);
    }

    /** The cached answer when this request may have it; empty sends the request the full way. */
    private Optional<byte[]> answerable(String pluginId, Request request, boolean memoryOnly) {
        if (cache.cachedDetail(pluginId).isEmpty()) {
            return Optional.empty();   // the route loads it, and caches it for the requests after this one
        }
        PluginRead.Detail read = new PluginRead.Detail(pluginId);
        if (!(memoryOnly ? rules.allowInMemory(read, request.getHeaders()) : rules.allow(read, request.getHeaders()))) {
            return Optional.empty();
        }
        return cache.cachedDetail(pluginId);   // again: a rule may have just dropped what another node changed
    }
}
