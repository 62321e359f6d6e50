package dev.plughub.registry.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 protocol server in the test JVM (S3Proxy over an in-memory store) that checks AWS
 * signatures, so wrong credentials are refused as S3 would refuse them. Each {@link #newBucket()}
 * is empty, which keeps tests sharing one server apart.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "plughub-test-access";
    public static final String SECRET_KEY = "plughub-test-secret";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final org.gaul.s3proxy.blobstore.BlobStore objects;
    private final URI endpoint;
    private final S3Client admin;
    private S3Proxy proxy;

    private S3Server(org.gaul.s3proxy.blobstore.BlobStore objects, S3Proxy proxy, URI endpoint) {
        this.objects = objects;
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.admin = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public static S3Server start() {
        org.gaul.s3proxy.blobstore.BlobStore objects = org.gaul.s3proxy.BlobStores.create("transient-nio2", new Properties());
        S3Proxy proxy = serve(objects, 0);
        return new S3Server(objects, proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    private static S3Proxy serve(org.gaul.s3proxy.blobstore.BlobStore objects, int port) {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(objects)
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!proxy.getState().equals("STARTED")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            return proxy;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    /** Stops answering: connections to the endpoint are refused, as when the store is down. */
    public void stop() throws Exception {
        proxy.stop();
    }

    /** Serves again on the same endpoint, with every bucket and object it had. */
    public void restart() {
        proxy = serve(objects, endpoint.getPort());
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client with the right keys, for looking into buckets behind the registry's back. */
    public S3Client client() {
        return admin;
    }

    /** Creates an empty bucket and returns its name. */
    public String newBucket() {
        String bucket = "plughub-test-" + BUCKETS.incrementAndGet();
        admin.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** The blob-store setting a node is given for {@code bucket} of this server, with the right keys. */
    public BlobStores.S3 location(String bucket) {
        return location(bucket, endpoint);
    }

    /** The same, reaching this server through {@code via} (a relay in front of it). */
    public BlobStores.S3 location(String bucket, URI via) {
        return new BlobStores.S3(bucket, "", Optional.of(via), Optional.of("us-east-1"), true, false,
                Duration.ofMinutes(5), Optional.of(new BlobStores.StaticCredentials(ACCESS_KEY, SECRET_KEY, Optional.empty())));
    }

    /** The same setting as an operator writes it in PLUGHUB_BLOB_STORE (credentials go in AWS_* variables). */
    public String spec(String bucket) {
        return "s3://" + bucket + "?endpoint=" + endpoint + "&region=us-east-1&path_style=true";
    }

    @Override
    public void close() throws Exception {
        admin.close();
        proxy.stop();
    }
}
