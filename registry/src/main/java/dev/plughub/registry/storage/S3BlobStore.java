package dev.plughub.registry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects of one S3 bucket ({@code <prefix><sha256>}), for nodes that share their package
 * files. An object appears only once S3 has stored it whole and durably, which gives the same
 * "whole file or none" promise as {@link FileBlobStore}'s rename. Checked with HeadBucket when it
 * opens, so a node with a wrong bucket, wrong keys or an unreachable endpoint refuses to start.
 * Once running, a store that cannot be reached (refused or timed-out connections, 5xx answers) fails
 * each call with {@link BlobStoreOutage.Unreachable} within {@link Timeouts#call()}, never hanging.
 */
public final class S3BlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("^[0-9a-f]{64}$");

    /**
     * How long a call to the store may take.
     *
     * @param connect  opening a connection
     * @param read     silence on an open connection (no byte of an answer) before an attempt fails
     * @param call     one call with its retries, whatever it waits on: a store that accepts connections
     *                 but never answers (a frozen process) fails here, and so does a blocked upload, which
     *                 no read timeout catches
     * @param attempts the first try and its retries
     */
    record Timeouts(Duration connect, Duration read, Duration call, int attempts) {
        /** One retry, since more only keep a request waiting on a store that is gone; the call limit lets a
            100 MB package reach a distant store at 350 KB/s. */
        static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5), 2);
    }

    private final S3Client s3;
    private final Optional<S3Presigner> presigner;
    private final BlobStores.S3 location;
    private final BlobStoreOutage outage;

    private S3BlobStore(S3Client s3, Optional<S3Presigner> presigner, BlobStores.S3 location) {
        this.s3 = s3;
        this.presigner = presigner;
        this.location = location;
        this.outage = new BlobStoreOutage(location.describe(), Clock.systemUTC());
    }

    /**
     * Connects and checks that the bucket is there and the credentials may use it.
     *
     * @throws BlobStores.Unavailable with one sentence naming what is wrong
     */
    public static S3BlobStore connect(BlobStores.S3 location) {
        return connect(location, Timeouts.DEFAULT);
    }

    static S3BlobStore connect(BlobStores.S3 location, Timeouts timeouts) {
        AwsCredentialsProvider credentials = location.credentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(keys(c)))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3Client s3;
        Optional<S3Presigner> presigner;
        try {
            var builder = S3Client.builder()
                    // downloads stream through the node, one connection each: the SDK's 50 would queue them
                    .httpClientBuilder(Apache5HttpClient.builder().maxConnections(256)
                            .connectionTimeout(timeouts.connect())
                            .socketTimeout(timeouts.read()))
                    .overrideConfiguration(o -> o.apiCallTimeout(timeouts.call())
                            .retryStrategy(r -> r.maxAttempts(timeouts.attempts())))
                    .credentialsProvider(credentials)
                    .forcePathStyle(location.pathStyle())
                    // S3-compatible stores do not all accept the SDK's default trailing CRC checksums
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            location.region().ifPresent(r -> builder.region(Region.of(r)));
            location.endpoint().ifPresent(builder::endpointOverride);
            s3 = builder.build();
            presigner = location.presign() ? Optional.of(presigner(location, credentials)) : Optional.empty();
        } catch (SdkClientException e) {
            throw new BlobStores.Unavailable("Cannot use the blob store " + location.describe() + ": "
                    + firstLine(e.getMessage()));
        }
        S3BlobStore store = new S3BlobStore(s3, presigner, location);
        try {
            store.checkBucket();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static AwsCredentials keys(BlobStores.StaticCredentials c) {
        return c.sessionToken().<AwsCredentials>map(t -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), t))
                .orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()));
    }

    private static S3Presigner presigner(BlobStores.S3 location, AwsCredentialsProvider credentials) {
        var builder = S3Presigner.builder()
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(location.pathStyle()).build());
        location.region().ifPresent(r -> builder.region(Region.of(r)));
        location.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** HeadBucket, with each way it fails turned into a sentence an operator can act on. */
    private void checkBucket() {
        try {
            s3.headBucket(b -> b.bucket(location.bucket()));
        } catch (S3Exception e) {
            String why = switch (e.statusCode()) {
                case 404 -> "the bucket " + location.bucket() + " does not exist";
                case 403, 401 -> "the credentials were refused (" + accessKey() + "): check AWS_ACCESS_KEY_ID and"
                        + " AWS_SECRET_ACCESS_KEY and that they may use the bucket " + location.bucket();
                case 301, 400 -> "the bucket " + location.bucket() + " is in another region than "
                        + location.region().orElse("the default one") + " or the request was malformed";
                default -> "HeadBucket answered HTTP " + e.statusCode();
            };
            throw new BlobStores.Unavailable("Cannot use the blob store " + location.describe() + ": " + why);
        } catch (SdkClientException e) {
            throw new BlobStores.Unavailable("Cannot use the blob store " + location.describe() + ": "
                    + (isCredentialProblem(e) ? "no S3 credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                            + " (or an AWS profile or instance role)"
                    : "cannot reach " + location.endpoint().map(URI::toString).orElse("S3") + " (" + rootMessage(e) + ")"));
        }
    }

    private String accessKey() {
        return location.credentials().map(c -> "access key " + c.accessKeyId()).orElse("the SDK's default credentials");
    }

    private static boolean isCredentialProblem(SdkClientException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("credentials");
    }

    private String key(String sha256) {
        if (!KEY.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256 key: " + sha256);
        }
        return location.prefix() + sha256;
    }

    @Override
    public void put(String sha256, Path source) throws IOException {
        String key = key(sha256);
        try {
            if (head(sha256)) {
                // Copying an object onto itself with new metadata is S3's way to renew its LastModified.
                s3.copyObject(b -> b.sourceBucket(location.bucket()).sourceKey(key)
                        .destinationBucket(location.bucket()).destinationKey(key)
                        .metadataDirective(MetadataDirective.REPLACE)
                        .metadata(Map.of("renewed-at", Instant.now().toString())));
                outage.answered();
                return;
            }
            s3.putObject(b -> b.bucket(location.bucket()).key(key).contentType("application/octet-stream"),
                    RequestBody.fromFile(source));
            outage.answered();
        } catch (SdkException e) {
            throw failure("store " + sha256 + " in", e);
        } finally {
            Files.deleteIfExists(source);
        }
    }

    @Override
    public boolean exists(String sha256) {
        try {
            boolean found = head(sha256);
            outage.answered();
            return found;
        } catch (SdkException e) {
            throw new UncheckedIOException(failure("look up " + sha256 + " in", e));
        }
    }

    private boolean head(String sha256) {
        try {
            s3.headObject(b -> b.bucket(location.bucket()).key(key(sha256)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * A failed call as the caller should see it: {@link BlobStoreOutage.Unreachable} when the store
     * could not be reached or could not answer (no connection, a timeout, a 5xx), else a plain
     * IOException for a request the store refused.
     */
    private IOException failure(String what, SdkException e) {
        if (e instanceof SdkClientException || e instanceof S3Exception s && s.statusCode() >= 500) {
            return outage.failed(what, rootMessage(e), e);
        }
        outage.answered();   // it answered, if only to refuse
        return new IOException("cannot " + what + " " + location.describe() + ": " + firstLine(e.getMessage()), e);
    }

    @Override
    public Optional<Path> localFile(String sha256) {
        return Optional.empty();
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        try {
            InputStream in = s3.getObject(b -> b.bucket(location.bucket()).key(key(sha256)));
            outage.answered();
            return in;
        } catch (NoSuchKeyException e) {
            outage.answered();
            throw new NoSuchFileException(location.describe() + "/" + sha256);
        } catch (SdkException e) {
            throw failure("read " + sha256 + " from", e);
        }
    }

    /** Only the requested bytes travel from S3 (a ranged GET), so resuming a large download stays cheap. */
    @Override
    public InputStream open(String sha256, long start, long length) throws IOException {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        try {
            InputStream in = s3.getObject(b -> b.bucket(location.bucket()).key(key(sha256))
                    .range("bytes=" + start + "-" + (start + length - 1)));
            outage.answered();
            return in;
        } catch (NoSuchKeyException e) {
            outage.answered();
            throw new NoSuchFileException(location.describe() + "/" + sha256);
        } catch (SdkException e) {
            throw failure("read " + sha256 + " from", e);
        }
    }

    @Override
    public Optional<URI> presignedDownload(String sha256, String fileName, String mediaType) {
        return presigner.map(p -> {
            try {
                return p.presignGetObject(r -> r.signatureDuration(location.presignTtl())
                                .getObjectRequest(g -> g.bucket(location.bucket()).key(key(sha256))
                                        .responseContentDisposition("attachment; filename=\"" + fileName + '"')
                                        .responseContentType(mediaType)))
                        .url().toURI();
            } catch (URISyntaxException e) {
                throw new IllegalStateException("the SDK made an invalid presigned URL", e);
            }
        });
    }

    @Override
    public void delete(String sha256) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(location.bucket()).key(key(sha256)));
            outage.answered();
        } catch (SdkException e) {
            throw failure("delete " + sha256 + " from", e);
        }
    }

    @Override
    public Stream<StoredBlob> list() {
        return s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(location.prefix()))
                .contents().stream()
                .filter(o -> KEY.matcher(o.key().substring(location.prefix().length())).matches())
                .map(o -> new StoredBlob(o.key().substring(location.prefix().length()), o.lastModified()));
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public void close() {
        presigner.ifPresent(S3Presigner::close);
        s3.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return firstLine(root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
