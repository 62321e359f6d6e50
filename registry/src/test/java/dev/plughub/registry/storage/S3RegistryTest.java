package dev.plughub.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A registry whose package files live in an S3 bucket, as users and operators see it. */
class S3RegistryTest {

    private static S3Server s3;

    @TempDir
    Path dataDir;
    @TempDir
    Path files;

    @BeforeAll
    static void startS3() {
        s3 = S3Server.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void a_published_package_lands_in_the_bucket_and_downloads_with_etag_and_ranges() throws Exception {
        String bucket = s3.newBucket();
        byte[] payload = new byte[200_000];
        new java.util.Random(7).nextBytes(payload);   // incompressible, so the package stays large
        Path zip = TestPackages.plugin("s3-demo", "1.0.0").entry("payload.bin", payload).zip(files);
        byte[] content = Files.readAllBytes(zip);
        String sha = TestPackages.sha256(zip);
        try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withBlobStore(s3.location(bucket)))) {
            Publisher.published(registry.api(), zip);

            assertThat(s3.client().headObject(b -> b.bucket(bucket).key(sha)).contentLength()).isEqualTo(content.length);
            assertThat(filesUnder(dataDir.resolve("packages"))).as("nothing kept on the node").isEmpty();

            ApiResponse whole = registry.api().get("/api/v1/plugins/s3-demo/download?version=1.0.0");
            assertThat(whole.status()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(content);
            assertThat(whole.header("ETag")).hasValue('"' + sha + '"');

            ApiResponse part = registry.api().get("/api/v1/plugins/s3-demo/download?version=1.0.0", "Range", "bytes=100-1099");
            assertThat(part.status()).isEqualTo(206);
            assertThat(part.header("Content-Range")).hasValue("bytes 100-1099/" + content.length);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 100, 1100));

            ApiResponse tail = registry.api().get("/api/v1/plugins/s3-demo/download", "Range", "bytes=-10");
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 10, content.length));

            ApiResponse unchanged = registry.api().get("/api/v1/plugins/s3-demo/download?version=1.0.0",
                    "If-None-Match", '"' + sha + '"');
            assertThat(unchanged.status()).isEqualTo(304);
        }
    }

    @Test
    void packages_survive_a_node_that_is_replaced_by_another_with_an_empty_data_folder(@TempDir Path otherDataDir)
            throws Exception {
        String bucket = s3.newBucket();
        Path zip = TestPackages.zip(files, "moving-demo", "1.0.0");
        // The database must be shared for the second node to know the version; on SQLite it lives
        // in the data folder, so only the PostgreSQL run can replace the node wholesale.
        Path second = dev.plughub.registry.testing.TestDatabases.postgres() ? otherDataDir : dataDir;
        try (TestRegistry first = TestRegistry.start(dataDir, c -> c.withBlobStore(s3.location(bucket)))) {
            Publisher.published(first.api(), zip);
        }
        assertThat(filesUnder(dataDir.resolve("packages"))).as("nothing kept on the node").isEmpty();
        try (TestRegistry next = TestRegistry.start(second, c -> c.withBlobStore(s3.location(bucket))
                .withDatabase(dev.plughub.registry.testing.TestDatabases.settingsFor(dataDir)))) {   // one cluster, one database
            ApiResponse download = next.api().get("/api/v1/plugins/moving-demo/download");
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(Files.readAllBytes(zip));
        }
    }

    @Test
    void with_presign_a_download_is_a_redirect_to_the_bucket_and_still_counts() throws Exception {
        String bucket = s3.newBucket();
        Path zip = TestPackages.zip(files, "presigned-demo", "2.1.0");
        try (TestRegistry registry = TestRegistry.start(dataDir,
                c -> c.withBlobStore(s3.location(bucket).withPresign(true)))) {
            Publisher.published(registry.api(), zip);

            ApiResponse r = registry.api().get("/api/v1/plugins/presigned-demo/download");

            assertThat(r.status()).isEqualTo(302);
            assertThat(r.header("Cache-Control")).hasValue("no-store");
            URI location = URI.create(r.header("Location").orElseThrow());
            assertThat(location.toString()).startsWith(s3.endpoint() + "/" + bucket + "/");
            HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(location).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo(Files.readAllBytes(zip));
            assertThat(fetched.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"presigned-demo-2.1.0.zip\"");

            registry.server().close();   // flushes the download counter
        }
        try (TestRegistry again = TestRegistry.start(dataDir, c -> c.withBlobStore(s3.location(bucket)))) {
            assertThat(again.api().get("/api/v1/plugins/presigned-demo").json().at("/data/downloads").asLong())
                    .isEqualTo(1);
        }
    }

    @Test
    void while_the_store_is_down_uploads_and_downloads_answer_503_store_nothing_and_log_one_line() throws Exception {
        try (S3Server own = S3Server.start()) {   // its own server: stopping the shared one would fail other tests
            String bucket = own.newBucket();
            Path first = TestPackages.zip(files, "outage-demo", "1.0.0");
            Path second = TestPackages.zip(files, "outage-demo", "1.1.0");
            Path other = TestPackages.zip(files, "outage-other", "1.0.0");
            try (TestRegistry registry = TestRegistry.start(dataDir, c -> c.withBlobStore(own.location(bucket)))) {
                Publisher.published(registry.api(), first);
                Publisher.published(registry.api(), other);
                assertThat(registry.api().get("/api/v1/plugins/outage-demo/download?version=1.0.0").status()).isEqualTo(200);
                List<ILoggingEvent> logged;
                ApiResponse publish;
                ApiResponse download;
                ApiResponse neverDownloaded;
                try (LogCapture logs = LogCapture.start()) {
                    own.stop();

                    publish = Publisher.upload(registry.api(), second, Accounts.OPERATOR);
                    download = registry.api().get("/api/v1/plugins/outage-demo/download?version=1.0.0");
                    neverDownloaded = registry.api().get("/api/v1/plugins/outage-other/download");
                    logged = logs.mentioning(bucket);
                }

                for (ApiResponse r : List.of(publish, download, neverDownloaded)) {
                    assertThat(r.status()).as("%s", r).isEqualTo(503);
                    assertThat(r.json().at("/code").asText()).isEqualTo("STORAGE_UNAVAILABLE");
                    assertThat(r.json().at("/error").asText()).isEqualTo("The package store is unreachable; try again shortly");
                    assertThat(r.header("Retry-After")).hasValue("10");
                }
                assertThat(registry.api().get("/api/v1/plugins/outage-demo/versions/1.1.0").status())
                        .as("the refused publish stored no row").isEqualTo(404);
                assertThat(registry.api().get("/api/v1/plugins/outage-demo").status()).as("metadata still served").isEqualTo(200);
                assertThat(registry.api().get("/api/v1/health").status()).isEqualTo(200);
                assertThat(logged).singleElement().satisfies(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.WARN);
                    assertThat(e.getFormattedMessage()).startsWith("The blob store s3://" + bucket + " at " + own.endpoint()
                            + " is unreachable; answering 503 STORAGE_UNAVAILABLE until it is back (");
                    assertThat(e.getThrowableProxy()).as("no stack trace").isNull();
                });

                own.restart();

                Publisher.published(registry.api(), second);
                ApiResponse back = registry.api().get("/api/v1/plugins/outage-demo/download?version=1.1.0");
                assertThat(back.status()).isEqualTo(200);
                assertThat(back.body()).isEqualTo(Files.readAllBytes(second));
                assertThat(registry.api().get("/api/v1/plugins/outage-demo/download?version=1.0.0").body())
                        .isEqualTo(Files.readAllBytes(first));
            }
        }
    }

    /** What the registry logs while it lasts, of which a test keeps the lines that concern it. */
    private static final class LogCapture implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        static LogCapture start() {
            LogCapture capture = new LogCapture();
            capture.appender.start();
            capture.root.addAppender(capture.appender);
            return capture;
        }

        /** Warnings and errors whose message or stack trace names {@code text} (other test classes log too). */
        List<ILoggingEvent> mentioning(String text) {
            List<ILoggingEvent> seen;
            synchronized (appender) {   // AppenderBase appends synchronized on itself
                seen = new ArrayList<>(appender.list);
            }
            return seen.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .filter(e -> e.getFormattedMessage().contains(text) || mentions(e.getThrowableProxy(), text))
                    .toList();
        }

        private static boolean mentions(IThrowableProxy t, String text) {
            for (; t != null; t = t.getCause()) {
                if (String.valueOf(t.getMessage()).contains(text)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            root.detachAppender(appender);
        }
    }

    @Test
    void a_node_refuses_to_start_on_a_bucket_that_does_not_exist() {
        assertThatThrownBy(() -> TestRegistry.start(dataDir, c -> c.withBlobStore(s3.location("missing-bucket"))))
                .isInstanceOf(BlobStores.Unavailable.class)
                .hasMessage("Cannot use the blob store s3://missing-bucket at " + s3.endpoint()
                        + ": the bucket missing-bucket does not exist");
    }

    @Test
    void a_node_refuses_to_start_with_keys_the_store_does_not_accept() {
        BlobStores.S3 wrong = s3.location(s3.newBucket())
                .withCredentials(new BlobStores.StaticCredentials("someone-else", "not-the-secret", Optional.empty()));

        assertThatThrownBy(() -> TestRegistry.start(dataDir, c -> c.withBlobStore(wrong)))
                .isInstanceOf(BlobStores.Unavailable.class)
                .hasMessageContaining("the credentials were refused (access key someone-else)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret").doesNotContain("\n"));
    }

    private static java.util.List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
