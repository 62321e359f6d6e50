package dev.plughub.registry.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where package files live, as the operator writes it in {@code PLUGHUB_BLOB_STORE} / {@code --blob-store}:
 * {@code file:<path>} or {@code s3://bucket[/prefix]?endpoint=…&region=…&path_style=true&presign=true}.
 * Parsing happens with the rest of the configuration, so a typo stops the node before anything opens.
 */
public final class BlobStores {

    static final String SETTING = "PLUGHUB_BLOB_STORE";
    private static final Set<String> S3_PARAMETERS = Set.of("endpoint", "region", "path_style", "presign", "presign_ttl");
    /** A presigned download link lives long enough to start a slow download, short enough not to be shared for long. */
    static final Duration DEFAULT_PRESIGN_TTL = Duration.ofMinutes(5);

    private BlobStores() {
    }

    /**
     * The store a node can not use (missing bucket, refused credentials, unreachable endpoint). Its
     * message is the whole story in one sentence, and it has no cause on purpose: start-up reports
     * the deepest message of a failure, which would otherwise be the SDK's.
     */
    public static final class Unavailable extends IllegalStateException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Opens the configured store, or files under {@code defaultRoot} when none is configured.
     *
     * @throws Unavailable when an S3 bucket cannot be used
     */
    public static BlobStore open(Optional<Location> location, Path defaultRoot) {
        return switch (location.orElse(new Files(defaultRoot))) {
            case Files f -> new FileBlobStore(f.root());
            case S3 s3 -> S3BlobStore.connect(s3);
        };
    }

    /** A parsed blob-store setting. */
    public sealed interface Location {
    }

    /** Package files in a directory of this machine (the default: {@code <data dir>/packages}). */
    public record Files(Path root) implements Location {
    }

    /**
     * An S3 bucket, optionally under a key prefix.
     *
     * @param endpoint    empty for AWS itself; set for MinIO, Ceph, R2, S3Proxy…
     * @param region      empty to take the SDK's default chain (AWS_REGION, profile); {@code us-east-1} with an endpoint
     * @param credentials empty to take the SDK's default chain (environment, profile, instance role)
     * @param presign     answer downloads with a 302 to a presigned URL instead of streaming through the node
     */
    public record S3(String bucket, String prefix, Optional<URI> endpoint, Optional<String> region, boolean pathStyle,
                     boolean presign, Duration presignTtl, Optional<StaticCredentials> credentials) implements Location {

        public S3 withCredentials(StaticCredentials credentials) {
            return new S3(bucket, prefix, endpoint, region, pathStyle, presign, presignTtl, Optional.of(credentials));
        }

        public S3 withPresign(boolean presign) {
            return new S3(bucket, prefix, endpoint, region, pathStyle, presign, presignTtl, credentials);
        }

        /** How the location is named in messages: never with credentials. */
        public String describe() {
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1))
                    + endpoint.map(e -> " at " + e).orElse("");
        }
    }

    /** Keys given to the node itself (AWS_ACCESS_KEY_ID and friends); the secret never appears in text. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        @Override
        public String toString() {
            return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
        }
    }

    /**
     * Reads a blob-store setting. Static credentials are taken from {@code env} when
     * {@code AWS_ACCESS_KEY_ID} is set there; otherwise the SDK's default chain finds them at start-up.
     *
     * @throws IllegalArgumentException naming the setting and what is wrong with it
     */
    public static Location parse(String spec, Map<String, String> env) {
        String value = spec.trim();
        if (value.startsWith("file:")) {
            String path = value.substring("file:".length());
            if (path.startsWith("//")) {
                path = URI.create(value).getPath();   // file:///srv/packages
            }
            if (path.isBlank()) {
                throw invalid(value, "a file: store needs a path, e.g. file:/srv/plughub/packages");
            }
            return new Files(Path.of(path));
        }
        if (value.startsWith("s3://")) {
            S3 s3 = parseS3(value);
            Optional<StaticCredentials> keys = staticCredentials(env);
            return keys.isPresent() ? s3.withCredentials(keys.get()) : s3;
        }
        throw invalid(value, "use file:<path> or s3://<bucket>?endpoint=…&region=…");
    }

    private static S3 parseS3(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(value, e.getReason());
        }
        String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        if (bucket == null || bucket.isBlank()) {
            throw invalid(value, "the bucket name is missing (s3://<bucket>)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        Map<String, String> params = query(value, uri.getRawQuery());
        for (String name : params.keySet()) {
            if (!S3_PARAMETERS.contains(name)) {
                throw invalid(value, "unknown parameter '" + name + "' (known: " + String.join(", ", S3_PARAMETERS.stream().sorted().toList()) + ")");
            }
        }
        Optional<URI> endpoint = Optional.ofNullable(params.get("endpoint")).map(e -> endpoint(value, e));
        Optional<String> region = Optional.ofNullable(params.get("region")).filter(r -> !r.isBlank())
                .or(() -> endpoint.map(e -> "us-east-1"));   // S3-compatible stores mostly ignore it, the SDK needs one
        boolean pathStyle = flag(value, params, "path_style");
        boolean presign = flag(value, params, "presign");
        Duration ttl = Optional.ofNullable(params.get("presign_ttl")).map(t -> seconds(value, t)).orElse(DEFAULT_PRESIGN_TTL);
        return new S3(bucket, path.isEmpty() ? "" : path + "/", endpoint, region, pathStyle, presign, ttl, Optional.empty());
    }

    private static Map<String, String> query(String value, String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw invalid(value, "'" + pair + "' is not name=value");
            }
            params.put(decode(pair.substring(0, eq)).toLowerCase(Locale.ROOT), decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static URI endpoint(String value, String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw invalid(value, "endpoint must be an http:// or https:// URL, not '" + endpoint + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(value, "endpoint is not a URL: " + e.getReason());
        }
    }

    private static boolean flag(String value, Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(value, name + " must be true or false, not '" + v + "'");
        };
    }

    private static Duration seconds(String value, String text) {
        try {
            long s = Long.parseLong(text);
            if (s < 1 || s > 604_800) {
                throw invalid(value, "presign_ttl must be from 1 to 604800 seconds (S3's limit), not " + text);
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw invalid(value, "presign_ttl must be a number of seconds, not '" + text + "'");
        }
    }

    private static Optional<StaticCredentials> staticCredentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
        }
        return Optional.of(new StaticCredentials(id.trim(), secret.trim(),
                Optional.ofNullable(env.get("AWS_SESSION_TOKEN")).filter(t -> !t.isBlank())));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String value, String why) {
        return new IllegalArgumentException(SETTING + " '" + value + "' is not a blob store: " + why);
    }
}
