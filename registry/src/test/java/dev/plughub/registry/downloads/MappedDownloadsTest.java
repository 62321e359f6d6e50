package dev.plughub.registry.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain download of a package on this machine is answered from its mapping in front of Javalin
 * (MappedDownloads). A client cannot tell: the answer is the route's, header for header and byte for
 * byte, it is counted the same way, and everything else still reaches the route.
 */
class MappedDownloadsTest {

    @TempDir
    Path data;

    @TempDir
    Path files;

    @Test
    void a_plain_download_is_the_routes_answer_header_for_header() throws Exception {
        try (TestRegistry registry = TestRegistry.start(data)) {
            Api api = registry.api();
            Path zip = TestPackages.zip(files, "mapped-dl", "1.0.0");
            publish(api, zip);

            for (String path : List.of("/api/v1/plugins/mapped-dl/download?version=1.0.0", "/api/v1/plugins/mapped-dl/download")) {
                ApiResponse plain = api.get(path);
                // An If-None-Match that matches nothing changes nothing in the answer, but only the route reads it.
                ApiResponse route = api.get(path, "If-None-Match", "\"not-this-file\"");
                assertThat(plain.status()).as(path).isEqualTo(200);
                assertThat(plain.body()).as(path).isEqualTo(Files.readAllBytes(zip));
                assertThat(route.body()).as(path).isEqualTo(plain.body());
                assertThat(plain.headersButDate()).as(path).isEqualTo(route.headersButDate());
            }
            ApiResponse named = api.get("/api/v1/plugins/mapped-dl/download?version=1.0.0");
            assertThat(named.header("Cache-Control").orElseThrow()).contains("immutable");
            assertThat(named.header("Content-Disposition").orElseThrow()).isEqualTo("attachment; filename=\"mapped-dl-1.0.0.zip\"");
            assertThat(named.header("ETag").orElseThrow()).isEqualTo('"' + TestPackages.sha256(zip) + '"');
            assertThat(named.header("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
            assertThat(api.get("/api/v1/plugins/mapped-dl/download").header("Cache-Control").orElseThrow()).isEqualTo("no-cache");
        }
    }

    @Test
    void what_only_the_route_answers_still_reaches_it() throws Exception {
        try (TestRegistry registry = TestRegistry.start(data)) {
            Api api = registry.api();
            Path zip = TestPackages.zip(files, "routed-dl", "1.0.0");
            publish(api, zip);
            String path = "/api/v1/plugins/routed-dl/download";
            api.get(path);   // the file is mapped now

            ApiResponse missing = api.get(path + "?version=9.9.9");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().path("code").asText()).isEqualTo("VERSION_NOT_FOUND");
            assertThat(api.get("/api/v1/plugins/no-such-plugin/download").status()).isEqualTo(404);
            assertThat(api.get(path, "Range", "bytes=0-9").status()).isEqualTo(206);
            assertThat(api.get(path, "If-None-Match", '"' + TestPackages.sha256(zip) + '"').status()).isEqualTo(304);
            assertThat(api.get(path + "?version=1%2E0%2E0").body()).as("an escaped version").isEqualTo(Files.readAllBytes(zip));
            assertThat(api.get(path + "?version=1.0.0&unused=1").body()).isEqualTo(Files.readAllBytes(zip));
            ApiResponse head = api.request("HEAD", path).send();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.header("Content-Length").orElseThrow()).isEqualTo(Long.toString(Files.size(zip)));
            assertThat(api.request("POST", path).send().status()).isEqualTo(405);
        }
    }

    @Test
    void plain_downloads_are_counted_once_per_client_and_version() throws Exception {
        try (TestRegistry registry = TestRegistry.start(data)) {
            Api api = registry.api();
            publish(api, TestPackages.zip(files, "counted-dl", "1.0.0"));
            publish(api, TestPackages.zip(files, "counted-dl", "1.1.0"));
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/api/v1/plugins/counted-dl/download?version=1.0.0").status()).isEqualTo(200);
                assertThat(api.get("/api/v1/plugins/counted-dl/download").status()).isEqualTo(200);   // 1.1.0
            }
        }
        try (CatalogFixture catalog = CatalogFixture.open(data)) {
            assertThat(catalog.versionDownloads("counted-dl", "1.0.0")).isEqualTo(1);
            assertThat(catalog.versionDownloads("counted-dl", "1.1.0")).isEqualTo(1);
            assertThat(catalog.pluginDownloads("counted-dl")).isEqualTo(2);
        }
    }

    @Test
    void only_a_plain_version_query_is_read_here() {
        assertThat(MappedDownloads.requestedVersion(null)).isNull();
        assertThat(MappedDownloads.requestedVersion("version=1.2.3-rc.1")).isEqualTo("1.2.3-rc.1");
        assertThat(MappedDownloads.requestedVersion("version=latest")).isEqualTo("latest");
        for (String routeOnly : List.of("version=", "version=1.0.0&x=1", "version=1.0.0+build", "version=1%2E0", "v=1.0.0",
                "x=1&version=1.0.0", "version=1.0.0 ")) {
            assertThat(MappedDownloads.requestedVersion(routeOnly)).as(routeOnly).isNull();
        }
    }

    private static void publish(Api api, Path zip) {
        Publisher.published(api, zip);
    }
}
