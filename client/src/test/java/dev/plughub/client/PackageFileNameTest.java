package dev.plughub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PackageFileNameTest {

    private static DownloadHeaders answer(String contentDisposition, String contentType) {
        return new DownloadHeaders(contentDisposition == null ? Optional.empty() : DownloadHeaders.fileName(contentDisposition),
                contentType, OptionalLong.empty(), Optional.empty());
    }

    private static Optional<String> name(String id, String asked, String contentDisposition, String contentType) {
        return PackageFileName.of(id, Optional.ofNullable(asked), answer(contentDisposition, contentType), id);
    }

    @Test
    void is_the_id_asked_for_the_version_reported_and_a_package_extension() {
        assertThat(name("hello", null, "attachment; filename=\"hello-1.2.0.zip\"", "application/zip")).contains("hello-1.2.0.zip");
        assertThat(name("hello", "latest", "attachment; filename=\"hello-2.0.0-rc.1+b7.tar.gz\"", "application/gzip"))
                .contains("hello-2.0.0-rc.1+b7.tar.gz");
        assertThat(name("hello", null, "attachment; filename=\"hello-1.0.0.tgz\"", "")).contains("hello-1.0.0.tgz");
        assertThat(name("hello", null, "attachment; filename=\"hello-1.0.0.JAR\"", "")).contains("hello-1.0.0.jar");
    }

    @Test
    void never_takes_a_name_the_server_alone_chose() {
        assertThat(name("hello", "1.0.0", "attachment; filename=\"Makefile\"", "application/zip")).contains("hello-1.0.0.zip");
        assertThat(name("hello", "1.0.0", "attachment; filename=\"hello-1.0.0.sh\"", "application/java-archive"))
                .contains("hello-1.0.0.jar");
        assertThat(name("hello", null, "attachment; filename=\"other-9.9.9.zip\"", "application/zip"))
                .as("another plugin's name reports no version of this one").isEmpty();
        assertThat(name("hello", null, "attachment; filename=\"hello-latest.zip\"", "application/zip")).isEmpty();
    }

    @Test
    void is_empty_when_the_answer_names_no_package_format() {
        assertThat(name("hello", "1.0.0", "attachment; filename=\"hello-1.0.0.sh\"", "application/octet-stream")).isEmpty();
        assertThat(name("hello", "1.0.0", null, "text/plain")).isEmpty();
        assertThat(name("hello", "1.0.0", null, "application/zip; charset=binary")).contains("hello-1.0.0.zip");
    }

    @Test
    void refuses_an_answer_for_another_version_than_the_one_asked_for() {
        assertThatThrownBy(() -> name("hello", "1.0.0", "attachment; filename=\"hello-2.0.0.zip\"", "application/zip"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo("WRONG_VERSION");
                    assertThat(e.getMessage()).contains("sent version 2.0.0 of hello when 1.0.0 was asked for");
                });
        assertThat(name("hello", "1.0.0", "attachment; filename=\"hello-1.0.0+build.5.zip\"", "application/zip"))
                .as("build metadata does not make another version").contains("hello-1.0.0+build.5.zip");
    }

    @Test
    void is_empty_for_an_id_that_could_not_be_a_plugins() {
        assertThat(name("../etc", "1.0.0", null, "application/zip")).isEmpty();
        assertThat(name("Hello", "1.0.0", null, "application/zip")).as("ids are lower case").contains("hello-1.0.0.zip");
    }
}
