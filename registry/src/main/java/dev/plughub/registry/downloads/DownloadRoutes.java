package dev.plughub.registry.downloads;

import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.ratelimit.ClientKey;
import dev.plughub.registry.ratelimit.TrustedProxies;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.storage.BlobStoreOutage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|HEAD /api/v1/plugins/{id}/download?version=}: the package file, with its SHA-256 as a
 * strong ETag ({@code If-None-Match} → 304, {@code If-Match} → 412 when it names another file), one byte range at a time ({@code Range} → 206/416), and
 * a download counted for every complete body and every range that starts at byte 0 (so resuming a
 * download does not count it twice) — once per client and version per hour ({@link DownloadCounter}).
 */
public final class DownloadRoutes {

    public static final String PATH = "/api/v1/plugins/{id}/download";

    private static final Logger log = LoggerFactory.getLogger(DownloadRoutes.class);
    /** A named version never changes. */
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** The default version moves on with every publish: caches must ask again (the ETag makes that cheap). */
    private static final String REVALIDATE = "no-cache";

    private final VersionLookup versions;
    private final PackageFiles files;
    private final DownloadCounter counter;
    private final Function<Context, String> clientKey;

    public DownloadRoutes(VersionLookup versions, PackageFiles files, DownloadCounter counter) {
        this(versions, files, counter, ctx -> ClientKey.ofAddress(TrustedProxies.clientAddress(ctx)));
    }

    /** @param clientKey who downloads, for de-duplication ({@link ClientKey}: the user, else the address) */
    public DownloadRoutes(VersionLookup versions, PackageFiles files, DownloadCounter counter,
                          Function<Context, String> clientKey) {
        this.versions = versions;
        this.files = files;
        this.counter = counter;
        this.clientKey = clientKey;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::download);
        routes.head(PATH, this::download);   // without it Javalin answers HEAD itself, with no length
    }

    private void download(Context ctx) {
        String requested = ctx.queryParam("version");
        ServedVersion version = versions.find(ctx.pathParam("id"), requested);
        Optional<URI> direct = files.presigned(version);
        if (direct.isPresent()) {
            redirect(ctx, version, direct.get());
            return;
        }
        PackageFiles.Body body = files.open(version.sha256(), version.fileSize()).orElseThrow(() -> {
            log.error("The package file {} of {} {} is missing", version.sha256(), version.pluginId(), version.version());
            return new ApiException(ErrorCode.INTERNAL_ERROR, "The package file of " + version.pluginId() + " "
                    + version.version() + " is missing on the server; the operator has been told in the log");
        });
        String etag = etag(version);
        HttpServletResponse res = ctx.res();
        if (!ifMatchHolds(ctx.header("If-Match"), etag)) {
            throw new ApiException(ErrorCode.PRECONDITION_FAILED, "The file to send is not the one If-Match names: its"
                    + " ETag is " + etag, Map.of("etag", etag));
        }
        if (anyMatches(ctx.header("If-None-Match"), etag)) {
            validators(res::setHeader, version, requested);
            res.setContentType(null);   // Javalin's default text/plain: a 304 has no body to type
            res.setStatus(304);
            return;
        }
        long size = body.size();
        ByteRange range = rangeApplies(ctx.header("If-Range"), etag)
                ? ByteRange.of(ctx.header("Range"), size)
                : new ByteRange.Whole();
        if (range instanceof ByteRange.Unsatisfiable) {
            res.setHeader("Content-Range", "bytes */" + size);
            throw new ApiException(ErrorCode.RANGE_NOT_SATISFIABLE,
                    "The requested range does not overlap the file, which is " + size + " bytes long",
                    Map.of("size", size));
        }
        ByteRange.Part part = range instanceof ByteRange.Part p ? p : new ByteRange.Part(0, size - 1);
        describe(res::setHeader, version, requested);
        res.setContentLengthLong(part.length());
        if (range instanceof ByteRange.Part) {
            res.setStatus(206);
            res.setHeader("Content-Range", "bytes " + part.start() + "-" + part.end() + "/" + size);
        } else {
            res.setStatus(200);
        }
        if ("HEAD".equals(ctx.req().getMethod())) {
            return;
        }
        try {
            body.send(res.getOutputStream(), part.start(), part.length());
        } catch (BlobStoreOutage.Unreachable e) {
            if (res.isCommitted()) {
                return;
            }
            res.reset();   // the 200 and its Content-Length set above, for an answer that is now a 503
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            log.debug("Download of {} {} ended early: {}", version.pluginId(), version.version(), e.toString());
            return;   // the client went away: nothing to answer, nothing to count
        }
        if (part.start() == 0 && counter.enabled()) {
            counter.record(version, clientKey.apply(ctx));
        }
    }

    /**
     * 302 to a presigned URL of the object store, which then serves the bytes, ranges and ETag itself.
     * Counted like a streamed download: a GET that asks for the whole file or a range from byte 0.
     */
    private void redirect(Context ctx, ServedVersion version, URI target) {
        HttpServletResponse res = ctx.res();
        res.setStatus(302);
        res.setHeader("Location", target.toString());
        res.setHeader("Cache-Control", "no-store");   // the URL expires; a cached redirect would not
        res.setHeader("X-Checksum-SHA256", version.sha256());
        if (!"GET".equals(ctx.req().getMethod()) || !counter.enabled()) {
            return;
        }
        ByteRange range = ByteRange.of(ctx.header("Range"), version.fileSize());
        if (!(range instanceof ByteRange.Unsatisfiable) && !(range instanceof ByteRange.Part p && p.start() > 0)) {
            counter.record(version, clientKey.apply(ctx));
        }
    }

    /**
     * The headers of a package answer, whole or in part, but its length (and range): the route's and
     * {@link MappedDownloads}'s alike.
     */
    static void describe(BiConsumer<String, String> header, ServedVersion version, String requested) {
        validators(header, version, requested);
        header.accept("Accept-Ranges", "bytes");
        header.accept("Content-Disposition", "attachment; filename=\"" + version.fileName() + '"');
        header.accept("Content-Type", version.mediaType());
    }

    /** What a 304 repeats of a package answer. */
    private static void validators(BiConsumer<String, String> header, ServedVersion version, String requested) {
        header.accept("ETag", etag(version));
        header.accept("Cache-Control", VersionLookup.namesVersion(requested) ? IMMUTABLE : REVALIDATE);
        header.accept("X-Checksum-SHA256", version.sha256());
    }

    private static String etag(ServedVersion version) {
        return '"' + version.sha256() + '"';
    }

    /** If-None-Match uses the weak comparison: {@code W/"x"} matches {@code "x"}. */
    static boolean anyMatches(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** If-Match holds when absent, {@code *}, or naming this very file (strong comparison: a weak tag never matches). */
    static boolean ifMatchHolds(String header, String etag) {
        if (header == null) {
            return true;
        }
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** A Range is honoured without If-Range, or when If-Range names this very file (strong comparison). */
    static boolean rangeApplies(String ifRange, String etag) {
        return ifRange == null || ifRange.trim().equals(etag);
    }
}
