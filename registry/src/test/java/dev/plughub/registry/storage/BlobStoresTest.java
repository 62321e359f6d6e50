package dev.plughub.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading PLUGHUB_BLOB_STORE: what an operator may write, and the sentence a typo earns. */
class BlobStoresTest {

    @Test
    void reads_a_file_store() {
        assertThat(BlobStores.parse("file:/srv/plughub/packages", Map.of()))
                .isEqualTo(new BlobStores.Files(Path.of("/srv/plughub/packages")));
        assertThat(BlobStores.parse("file:///srv/packages", Map.of()))
                .isEqualTo(new BlobStores.Files(Path.of("/srv/packages")));
    }

    @Test
    void reads_an_s3_store_with_every_parameter() {
        BlobStores.S3 s3 = (BlobStores.S3) BlobStores.parse(
                "s3://plugins/prod/packages?endpoint=http://minio:9000&region=eu-west-1&path_style=true&presign=true&presign_ttl=60",
                Map.of());

        assertThat(s3.bucket()).isEqualTo("plugins");
        assertThat(s3.prefix()).isEqualTo("prod/packages/");
        assertThat(s3.endpoint()).contains(URI.create("http://minio:9000"));
        assertThat(s3.region()).contains("eu-west-1");
        assertThat(s3.pathStyle()).isTrue();
        assertThat(s3.presign()).isTrue();
        assertThat(s3.presignTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s3.credentials()).as("left to the SDK's default chain").isEmpty();
    }

    @Test
    void aws_itself_needs_no_endpoint_and_takes_the_region_from_the_sdk() {
        BlobStores.S3 s3 = (BlobStores.S3) BlobStores.parse("s3://plugins", Map.of());
        assertThat(s3.endpoint()).isEmpty();
        assertThat(s3.region()).isEmpty();
        assertThat(s3.pathStyle()).isFalse();
        assertThat(s3.presign()).isFalse();
    }

    @Test
    void takes_static_keys_from_the_standard_aws_variables_and_never_prints_the_secret() {
        BlobStores.S3 s3 = (BlobStores.S3) BlobStores.parse("s3://plugins?endpoint=http://minio:9000", Map.of(
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "s3cr3t", "AWS_SESSION_TOKEN", "tok"));

        assertThat(s3.credentials()).contains(new BlobStores.StaticCredentials("AKIAEXAMPLE", "s3cr3t", Optional.of("tok")));
        assertThat(s3.toString()).contains("AKIAEXAMPLE").doesNotContain("s3cr3t");
        assertThat(s3.region()).as("S3-compatible stores get a region the SDK accepts").contains("us-east-1");
    }

    @Test
    void refuses_a_key_id_without_its_secret() {
        assertThatThrownBy(() -> BlobStores.parse("s3://plugins", Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")))
                .hasMessage("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    }

    @Test
    void names_the_setting_and_the_mistake() {
        assertThatThrownBy(() -> BlobStores.parse("s3://plugins?endpont=http://minio:9000", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PLUGHUB_BLOB_STORE 's3://plugins?endpont=http://minio:9000' is not a blob store: unknown"
                        + " parameter 'endpont' (known: endpoint, path_style, presign, presign_ttl, region)");
        assertThatThrownBy(() -> BlobStores.parse("gs://plugins", Map.of()))
                .hasMessageContaining("use file:<path> or s3://<bucket>");
        assertThatThrownBy(() -> BlobStores.parse("s3://plugins?path_style=maybe", Map.of()))
                .hasMessageContaining("path_style must be true or false, not 'maybe'");
        assertThatThrownBy(() -> BlobStores.parse("s3://plugins?endpoint=minio:9000", Map.of()))
                .hasMessageContaining("endpoint must be an http:// or https:// URL");
        assertThatThrownBy(() -> BlobStores.parse("file:", Map.of()))
                .hasMessageContaining("a file: store needs a path");
    }
}
