package dev.plughub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client does with files on this machine: the package it publishes, where a download goes,
 * and a stream a download is written to. Every failure is a {@link PlughubClientException}.
 */
class LocalFilesTest {

    @TempDir
    Path work;

    @Test
    void publishing_a_file_that_is_not_there_is_a_local_file_error() {
        Path missing = work.resolve("missing-1.0.0.zip");
        PlughubClient client = PlughubClient.create("http://127.0.0.1:9").withToken("t");

        assertThatThrownBy(() -> client.publish(missing, Optional.empty(), Optional.empty(), TransferListener.NONE))
                .isInstanceOfSatisfying(LocalFileException.class, e -> {
                    assertThat(e.access()).isEqualTo(LocalFileException.Access.READ);
                    assertThat(e.path()).isEqualTo(missing);
                    assertThat(e.getMessage()).isEqualTo("Cannot read " + missing + ": no such file or folder");
                });
    }

    @Test
    void a_package_that_cannot_be_read_while_it_is_sent_is_a_local_file_error_not_the_networks() throws Exception {
        Path folder = Files.createDirectory(work.resolve("a-folder.zip"));   // opens, but every read fails
        try (StubRegistry stub = StubRegistry.answering(exchange -> StubRegistry.send(exchange, 200, "{}".getBytes()))) {
            PlughubClient client = PlughubClient.create(stub.url()).withToken("t");

            assertThatThrownBy(() -> client.publish(folder, Optional.empty(), Optional.empty(), TransferListener.NONE))
                    .isInstanceOfSatisfying(LocalFileException.class, e -> {
                        assertThat(e.access()).isEqualTo(LocalFileException.Access.READ);
                        assertThat(e.path()).isEqualTo(folder);
                        assertThat(e.getMessage()).startsWith("Cannot read " + folder + ": ");
                    });
        }
    }

    @Test
    void a_download_that_cannot_be_written_is_a_local_file_error_and_leaves_nothing() throws Exception {
        Path notAFolder = Files.writeString(work.resolve("plain.txt"), "a file, not a folder");
        try (StubRegistry stub = StubRegistry.serving("hello-1.0.0.zip", "application/zip")) {
            PlughubClient client = PlughubClient.create(stub.url());

            assertThatThrownBy(() -> client.download("hello", Optional.empty(), notAFolder.resolve("sub/x.zip"), TransferListener.NONE))
                    .isInstanceOfSatisfying(LocalFileException.class, e -> {
                        assertThat(e.access()).isEqualTo(LocalFileException.Access.WRITE);
                        assertThat(e.getMessage()).startsWith("Cannot save the download to " + notAFolder.resolve("sub/x.zip"));
                    });
            try (Stream<Path> files = Files.list(work)) {
                assertThat(files).containsExactly(notAFolder);
            }
        }
    }

    @Test
    void a_full_disk_is_a_local_file_error() throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(full), "/dev/full exists (Linux)");
        try (StubRegistry stub = StubRegistry.serving("hello-1.0.0.zip", "application/zip")) {
            PlughubClient client = PlughubClient.create(stub.url());

            assertThatThrownBy(() -> client.download("hello", Optional.empty(), full, TransferListener.NONE))
                    .isInstanceOfSatisfying(LocalFileException.class, e -> {
                        assertThat(e.access()).isEqualTo(LocalFileException.Access.WRITE);
                        assertThat(e.getMessage()).contains("/dev/full", "No space left on device");
                    });
        }
    }

    @Test
    void a_download_into_a_stream_writes_the_checked_bytes() throws Exception {
        try (StubRegistry stub = StubRegistry.serving("hello-1.0.0.zip", "application/zip")) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();

            Downloaded downloaded = PlughubClient.create(stub.url()).download("hello", Optional.empty(), sink, TransferListener.NONE);

            assertThat(sink.toByteArray()).isEqualTo(StubRegistry.PACKAGE);
            assertThat(downloaded.path()).isEqualTo(Path.of("-"));
            assertThat(downloaded.fileName()).isEqualTo("hello-1.0.0.zip");
            assertThat(downloaded.verified()).isTrue();
        }
    }

    @Test
    void a_corrupt_download_into_a_stream_writes_nothing_to_it() throws Exception {
        try (StubRegistry stub = StubRegistry.answering(exchange -> {
            exchange.getResponseHeaders().add("X-Checksum-SHA256", "0".repeat(64));
            StubRegistry.send(exchange, 200, StubRegistry.PACKAGE);
        })) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();

            assertThatThrownBy(() -> PlughubClient.create(stub.url()).download("hello", Optional.empty(), sink, TransferListener.NONE))
                    .isInstanceOf(ChecksumMismatchException.class);
            assertThat(sink.size()).isZero();
        }
    }

    @Test
    void a_session_never_shows_its_token() throws Exception {
        Session session = new Session("phub_secret-token", "ada", Optional.of(Instant.parse("2030-01-01T00:00:00Z")),
                new ObjectMapper().readTree("{\"token\": \"phub_secret-token\", \"user\": {\"username\": \"ada\"}}"));

        assertThat(session.toString()).doesNotContain("phub_secret-token").contains("ada", "***", "2030-01-01T00:00:00Z");
        assertThat(session.token()).isEqualTo("phub_secret-token");
    }
}
