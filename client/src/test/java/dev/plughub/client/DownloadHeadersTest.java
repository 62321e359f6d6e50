package dev.plughub.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadHeadersTest {

    @Test
    void reads_the_quoted_file_name() {
        assertThat(DownloadHeaders.fileName("attachment; filename=\"foo-1.2.0.tar.gz\"")).contains("foo-1.2.0.tar.gz");
    }

    @Test
    void prefers_the_extended_file_name() {
        assertThat(DownloadHeaders.fileName("attachment; filename=\"x.zip\"; filename*=UTF-8''foo-1.0.0%2Bbuild.zip"))
                .contains("foo-1.0.0+build.zip");
    }

    @Test
    void refuses_names_that_would_leave_the_target_folder() {
        assertThat(DownloadHeaders.fileName("attachment; filename=\"../../etc/passwd\"")).isEmpty();
        assertThat(DownloadHeaders.fileName("attachment; filename=\"/etc/passwd\"")).isEmpty();
        assertThat(DownloadHeaders.fileName("attachment; filename=\"..\"")).isEmpty();
        assertThat(DownloadHeaders.fileName("attachment; filename=\".bashrc\"")).isEmpty();
        assertThat(DownloadHeaders.fileName("attachment; filename=\"a\\\\b.zip\"")).isEmpty();
    }

    @Test
    void reads_a_sha256_from_an_etag_or_checksum_header_in_any_usual_form() {
        String hex = "a".repeat(64);
        assertThat(DownloadHeaders.sha256("\"" + hex + "\"")).contains(hex);
        assertThat(DownloadHeaders.sha256("W/\"" + hex + "\"")).contains(hex);
        assertThat(DownloadHeaders.sha256("sha256:" + hex.toUpperCase())).contains(hex);
        assertThat(DownloadHeaders.sha256("\"abc-123\"")).isEmpty();
    }
}
