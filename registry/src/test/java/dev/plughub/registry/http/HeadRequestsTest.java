package dev.plughub.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HEAD answers what GET would — status, type, length — with no body (RFC 9110 §9.3.2). */
class HeadRequestsTest extends RunningRegistry {

    @Test
    void head_tells_the_same_as_get_without_the_body() {
        Publisher.published(api, TestPackages.zip(files, "headed", "1.0.0"));
        for (String path : List.of("/api/v1/plugins/headed", "/api/v1/plugins/headed/versions",
                "/api/v1/plugins/headed/versions/1.0.0", "/api/v1/plugins?search=headed", "/api/v1/health",
                "/api/v1/info", "/openapi.json")) {
            ApiResponse get = api.get(path);
            ApiResponse head = api.request("HEAD", path).send();
            assertThat(head.status()).as(path).isEqualTo(get.status()).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
            assertThat(head.header("Content-Length")).as(path).isEqualTo(get.header("Content-Length"));
        }
    }

    @Test
    void head_of_something_that_does_not_exist_is_404_not_an_empty_200() {
        for (String path : List.of("/api/v1/plugins/no-such-plugin", "/api/v1/plugins/no-such-plugin/versions",
                "/api/v1/plugins/headed-not/versions/9.9.9", "/api/v1/no-such-route")) {
            ApiResponse head = api.request("HEAD", path).send();
            assertThat(head.status()).as(path).isEqualTo(404);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.header("Content-Type")).as(path).contains("application/json");
        }
        ApiResponse invalid = api.request("HEAD", "/api/v1/plugins/..%2F..%2Fetc").send();
        assertThat(invalid.status()).isBetween(400, 404);
        assertThat(invalid.body()).isEmpty();
    }
}
