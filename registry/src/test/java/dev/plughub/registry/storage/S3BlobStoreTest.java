package dev.plughub.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 package store against a real S3 protocol server (S3Proxy) in this JVM. */
class S3BlobStoreTest {

    private static S3Server server;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startS3() {
        server = S3Server.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        server.close();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Path file(byte[] content) throws Exception {
        return Files.write(Files.createTempFile(scratch, "blob", ".bin"), content);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void stores_a_blob_reads_it_back_and_lists_it_with_its_write_time() throws Exception {
        byte[] content = bytes(300_000, 1);
        String sha = sha256(content);
        Path source = file(content);
        try (S3BlobStore store = S3BlobStore.connect(server.location(server.newBucket()))) {
            Instant before = Instant.now().minusSeconds(2);

            store.put(sha, source);

            assertThat(source).as("the upload is consumed").doesNotExist();
            assertThat(store.exists(sha)).isTrue();
            assertThat(store.localFile(sha)).isEmpty();
            try (InputStream in = store.open(sha)) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            List<BlobStore.StoredBlob> listed;
            try (Stream<BlobStore.StoredBlob> all = store.list()) {
                listed = all.toList();
            }
            assertThat(listed).singleElement().satisfies(b -> {
                assertThat(b.sha256()).isEqualTo(sha);
                assertThat(b.writtenAt()).isAfter(before);
            });
        }
    }

    @Test
    void reads_only_the_requested_range() throws Exception {
        byte[] content = bytes(100_000, 2);
        String sha = sha256(content);
        try (S3BlobStore store = S3BlobStore.connect(server.location(server.newBucket()))) {
            store.put(sha, file(content));

            try (InputStream in = store.open(sha, 1000, 500)) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, 1500));
            }
        }
    }

    @Test
    void keeps_blobs_under_the_configured_prefix_and_ignores_other_objects() throws Exception {
        String bucket = server.newBucket();
        server.client().putObject(b -> b.bucket(bucket).key("backups/readme.txt"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("not a package"));
        byte[] content = bytes(1000, 3);
        String sha = sha256(content);
        BlobStores.S3 location = (BlobStores.S3) BlobStores.parse(server.spec(bucket).replace("?", "/packages?"),
                java.util.Map.of("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY));
        try (S3BlobStore store = S3BlobStore.connect(location)) {
            store.put(sha, file(content));

            assertThat(server.client().headObject(b -> b.bucket(bucket).key("packages/" + sha)).contentLength())
                    .isEqualTo(1000);
            try (Stream<BlobStore.StoredBlob> all = store.list()) {
                assertThat(all.map(BlobStore.StoredBlob::sha256)).containsExactly(sha);
            }
        }
    }

    @Test
    void storing_a_blob_again_renews_its_write_time_so_the_orphan_sweep_spares_it() throws Exception {
        byte[] content = bytes(1000, 4);
        String sha = sha256(content);
        try (S3BlobStore store = S3BlobStore.connect(server.location(server.newBucket()))) {
            store.put(sha, file(content));
            Instant first = writtenAt(store, sha);
            Thread.sleep(1100);   // S3 keeps LastModified in whole seconds

            store.put(sha, file(content));

            assertThat(writtenAt(store, sha)).isAfter(first);
            try (InputStream in = store.open(sha)) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
    }

    private static Instant writtenAt(BlobStore store, String sha) throws Exception {
        try (Stream<BlobStore.StoredBlob> all = store.list()) {
            return all.filter(b -> b.sha256().equals(sha)).findFirst().orElseThrow().writtenAt();
        }
    }

    @Test
    void a_deleted_blob_is_gone() throws Exception {
        byte[] content = bytes(1000, 5);
        String sha = sha256(content);
        try (S3BlobStore store = S3BlobStore.connect(server.location(server.newBucket()))) {
            store.put(sha, file(content));

            store.delete(sha);

            assertThat(store.exists(sha)).isFalse();
            assertThatThrownBy(() -> store.open(sha)).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void a_presigned_url_serves_the_blob_under_its_download_name_without_credentials() throws Exception {
        byte[] content = bytes(5000, 6);
        String sha = sha256(content);
        try (S3BlobStore store = S3BlobStore.connect(server.location(server.newBucket()).withPresign(true))) {
            store.put(sha, file(content));

            URI url = store.presignedDownload(sha, "demo-1.0.0.zip", "application/zip").orElseThrow();

            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(content);
            assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"demo-1.0.0.zip\"");
        }
    }

    @Test
    void without_presign_downloads_are_not_handed_off() throws Exception {
        try (S3BlobStore store = S3BlobStore.connect(server.location(server.newBucket()))) {
            assertThat(store.presignedDownload("a".repeat(64), "x-1.0.0.zip", "application/zip")).isEmpty();
        }
    }

    @Test
    void refuses_a_bucket_that_does_not_exist_naming_it() {
        assertThatThrownBy(() -> S3BlobStore.connect(server.location("no-such-bucket")))
                .isInstanceOf(BlobStores.Unavailable.class)
                .hasMessageContaining("the bucket no-such-bucket does not exist")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void refuses_wrong_credentials_naming_the_access_key_but_never_the_secret() {
        BlobStores.S3 wrong = server.location(server.newBucket())
                .withCredentials(new BlobStores.StaticCredentials("intruder", "wrong-secret", Optional.empty()));

        assertThatThrownBy(() -> S3BlobStore.connect(wrong))
                .isInstanceOf(BlobStores.Unavailable.class)
                .hasMessageContaining("credentials were refused (access key intruder)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret").doesNotContain("\n"));
    }

    @Test
    void a_store_that_stops_answering_fails_each_call_as_unreachable_within_the_call_time_limit() throws Exception {
        byte[] stored = bytes(20_000, 11);
        byte[] next = bytes(20_000, 12);
        String bucket = server.newBucket();
        var quick = new S3BlobStore.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3), 2);
        try (FreezableRelay relay = FreezableRelay.to(server.endpoint());
             S3BlobStore store = S3BlobStore.connect(server.location(bucket, relay.endpoint()), quick)) {
            store.put(sha256(stored), file(stored));

            relay.freeze();
            long started = System.nanoTime();

            assertThatThrownBy(() -> store.open(sha256(stored)))
                    .isInstanceOf(BlobStoreOutage.Unreachable.class)
                    .hasMessageStartingWith("cannot read " + sha256(stored) + " from s3://" + bucket + " at " + relay.endpoint());
            assertThatThrownBy(() -> store.put(sha256(next), file(next))).isInstanceOf(BlobStoreOutage.Unreachable.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
            assertThat(server.client().listObjectsV2(b -> b.bucket(bucket)).contents())
                    .as("the refused put left nothing").hasSize(1);
        }
    }

    @Test
    void reading_an_object_may_take_longer_than_the_call_time_limit() throws Exception {
        byte[] content = bytes(5_000_000, 14);   // more than the socket buffers hold, so most is still to come
        var quick = new S3BlobStore.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), 2);
        try (S3BlobStore store = S3BlobStore.connect(server.location(server.newBucket()), quick)) {
            store.put(sha256(content), file(content));

            try (InputStream in = store.open(sha256(content))) {
                byte[] start = in.readNBytes(1000);
                Thread.sleep(2500);   // a slow client: the call limit bounds getting an answer, not reading it
                byte[] rest = in.readAllBytes();

                assertThat(start.length + rest.length).isEqualTo(content.length);
                assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, content.length));
            }
        }
    }

    @Test
    void a_store_that_refuses_connections_fails_each_call_as_unreachable() throws Exception {
        byte[] content = bytes(1_000, 13);
        try (S3Server own = S3Server.start();
             S3BlobStore store = S3BlobStore.connect(own.location(own.newBucket()))) {
            own.stop();

            assertThatThrownBy(() -> store.exists(sha256(content))).hasCauseInstanceOf(BlobStoreOutage.Unreachable.class);
            assertThatThrownBy(() -> store.put(sha256(content), file(content)))
                    .isInstanceOf(BlobStoreOutage.Unreachable.class).hasMessageContaining("Connection refused");

            own.restart();
            store.put(sha256(content), file(content));
            assertThat(store.exists(sha256(content))).isTrue();
        }
    }

    @Test
    void refuses_an_endpoint_nobody_listens_on() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BlobStores.S3 unreachable = (BlobStores.S3) BlobStores.parse(
                "s3://plughub?endpoint=http://127.0.0.1:" + closedPort + "&path_style=true",
                java.util.Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b"));

        assertThatThrownBy(() -> S3BlobStore.connect(unreachable))
                .isInstanceOf(BlobStores.Unavailable.class)
                .hasMessageStartingWith("Cannot use the blob store s3://plughub at http://127.0.0.1:" + closedPort)
                .hasMessageContaining("cannot reach http://127.0.0.1:" + closedPort)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void the_download_presign_lifetime_defaults_to_five_minutes() {
        assertThat(server.location("b").presignTtl()).isEqualTo(Duration.ofMinutes(5));
    }
}
