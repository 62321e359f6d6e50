package dev.plughub.registry.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a real server whose catalogue was written the way a publish leaves it. */
class DownloadRoutesTest {

    @TempDir
    static Path dataDir;

    static TestRegistry registry;
    static byte[] demo100;
    static byte[] demo110;
    static byte[] big;
    static ServedVersion served110;
    static ServedVersion servedBig;

    @BeforeAll
    static void seedAndStart() {
        Random random = new Random(42);
        demo100 = bytes(random, 20 * 1024);
        demo110 = bytes(random, 300 * 1024);
        big = bytes(random, 3 * 1024 * 1024 + 17);
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            catalog.plugin("demo");
            catalog.version("demo", "1.0.0", demo100, "zip");
            served110 = catalog.version("demo", "1.1.0", demo110, "tar.gz");
            catalog.version("demo", "2.0.0-beta.1", bytes(random, 1000), "zip");

            catalog.plugin("pre-only");
            catalog.version("pre-only", "0.2.0-rc.1", bytes(random, 500), "zip");
            catalog.version("pre-only", "0.2.0-alpha", bytes(random, 500), "zip");
            catalog.version("pre-only", "0.1.0", bytes(random, 500), "zip");
            catalog.yank("pre-only", "0.1.0");

            catalog.plugin("all-yanked");
            catalog.version("all-yanked", "1.0.0", bytes(random, 300), "zip");
            catalog.yank("all-yanked", "1.0.0");

            catalog.plugin("yanky");
            catalog.version("yanky", "1.0.0", bytes(random, 700), "zip");
            catalog.version("yanky", "1.1.0", bytes(random, 800), "zip");
            catalog.yank("yanky", "1.1.0");

            catalog.plugin("big_one");
            servedBig = catalog.version("big_one", "1.0.0+build.7", big, "jar");

            catalog.plugin("banned-one", "banned");
            catalog.version("banned-one", "1.0.0", bytes(random, 100), "zip");

            catalog.plugin("gone");
            catalog.version("gone", "1.0.0", bytes(random, 100), "zip");
            catalog.deletePlugin("gone");

            catalog.plugin("half-gone");
            catalog.version("half-gone", "1.0.0", bytes(random, 100), "zip");
            catalog.version("half-gone", "2.0.0", bytes(random, 100), "zip");
            catalog.deleteVersion("half-gone", "2.0.0");

            catalog.plugin("empty");
        }
        registry = TestRegistry.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    static ApiResponse get(String path, String... headers) {
        return registry.api().get(path, headers);
    }

    @Nested
    class WholeFile {

        @Test
        void the_default_is_the_newest_stable_version_with_every_download_header() {
            ApiResponse r = get("/api/v1/plugins/demo/download");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(demo110);
            assertThat(r.header("Content-Type")).contains("application/gzip");
            assertThat(r.header("Content-Disposition")).contains("attachment; filename=\"demo-1.1.0.tar.gz\"");
            assertThat(r.header("Content-Length")).contains(String.valueOf(demo110.length));
            assertThat(r.header("ETag")).contains('"' + served110.sha256() + '"');
            assertThat(r.header("X-Checksum-SHA256")).contains(served110.sha256());
            assertThat(r.header("Accept-Ranges")).contains("bytes");
            assertThat(r.header("Cache-Control")).contains("no-cache");
        }

        @Test
        void latest_means_the_default_version() {
            ApiResponse r = get("/api/v1/plugins/demo/download?version=latest");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(demo110);
            assertThat(r.header("Cache-Control")).contains("no-cache");
        }

        @Test
        void a_named_version_is_served_as_immutable() {
            ApiResponse r = get("/api/v1/plugins/demo/download?version=1.0.0");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(demo100);
            assertThat(r.header("Content-Type")).contains("application/zip");
            assertThat(r.header("Content-Disposition")).contains("attachment; filename=\"demo-1.0.0.zip\"");
            assertThat(r.header("Cache-Control")).contains("public, max-age=31536000, immutable");
        }

        @Test
        void a_pre_release_is_served_when_named() {
            ApiResponse r = get("/api/v1/plugins/demo/download?version=2.0.0-beta.1");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Disposition")).contains("attachment; filename=\"demo-2.0.0-beta.1.zip\"");
        }

        @Test
        void a_plugin_without_a_stable_version_is_a_404_naming_its_newest_pre_release() {
            // pre-only: 0.2.0-rc.1, 0.2.0-alpha and 0.1.0 (yanked) — the default is the newest stable, and there is none
            ApiResponse r = get("/api/v1/plugins/pre-only/download");

            assertThat(r.status()).as("%s", r).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
            assertThat(r.json().get("error").asText()).contains("no stable version", "?version=0.2.0-rc.1");
            assertThat(r.json().at("/details/newest_prerelease").asText()).isEqualTo("0.2.0-rc.1");
            assertThat(r.header("Content-Disposition")).isEmpty();
            assertThat(get("/api/v1/plugins/pre-only/download?version=latest").status()).isEqualTo(404);
            assertThat(get("/api/v1/plugins/pre-only/download?version=0.2.0-rc.1").status()).isEqualTo(200);
        }

        @Test
        void a_plugin_whose_every_version_is_yanked_says_a_yanked_one_can_still_be_named() {
            ApiResponse r = get("/api/v1/plugins/all-yanked/download");

            assertThat(r.status()).as("%s", r).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
            assertThat(r.json().get("error").asText()).contains("no stable version", "yanked version can still be asked for");
            assertThat(r.json().at("/details/newest_prerelease").isMissingNode()).isTrue();
            assertThat(get("/api/v1/plugins/all-yanked/download?version=1.0.0").status()).isEqualTo(200);
        }

        @Test
        void the_default_skips_a_yanked_version_that_can_still_be_named() {
            assertThat(get("/api/v1/plugins/yanky/download").header("Content-Disposition"))
                    .contains("attachment; filename=\"yanky-1.0.0.zip\"");
            ApiResponse named = get("/api/v1/plugins/yanky/download?version=1.1.0");
            assertThat(named.status()).isEqualTo(200);
            assertThat(named.header("Content-Disposition")).contains("attachment; filename=\"yanky-1.1.0.zip\"");
        }

        @Test
        void a_large_file_arrives_byte_for_byte_and_build_metadata_need_not_be_named() {
            ApiResponse r = get("/api/v1/plugins/big_one/download?version=1.0.0");

            assertThat(r.status()).isEqualTo(200);
            assertThat(CatalogFixture.sha256(r.body())).isEqualTo(servedBig.sha256());
            assertThat(r.body()).isEqualTo(big);
            assertThat(r.header("Content-Type")).contains("application/java-archive");
            assertThat(r.header("Content-Disposition")).contains("attachment; filename=\"big_one-1.0.0+build.7.jar\"");
        }

        @Test
        void many_large_downloads_at_once_over_kept_alive_connections_all_arrive_whole() throws Exception {
            // Partial writes of the shared mapping, a full socket and connection reuse must not cost a
            // byte or shift a response.
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                var answers = new java.util.ArrayList<java.util.concurrent.Future<ApiResponse>>();
                for (int i = 0; i < 24; i++) {
                    String range = i % 3 == 0 ? "bytes=262144-" : null;
                    answers.add(pool.submit(() -> range == null ? get("/api/v1/plugins/big_one/download?version=1.0.0")
                            : get("/api/v1/plugins/big_one/download?version=1.0.0", "Range", range)));
                }
                for (int i = 0; i < answers.size(); i++) {
                    ApiResponse r = answers.get(i).get();
                    if (i % 3 == 0) {
                        assertThat(r.status()).isEqualTo(206);
                        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(big, 262_144, big.length));
                    } else {
                        assertThat(r.status()).isEqualTo(200);
                        assertThat(r.body()).isEqualTo(big);
                    }
                }
            }
            assertThat(get("/api/v1/plugins/demo/download?version=1.0.0").body()).isEqualTo(demo100);
        }
    }

    @Nested
    class Conditional {

        @Test
        void a_matching_if_none_match_gets_304_without_a_body() {
            String etag = '"' + served110.sha256() + '"';
            ApiResponse r = get("/api/v1/plugins/demo/download", "If-None-Match", etag);

            assertThat(r.status()).isEqualTo(304);
            assertThat(r.body()).isEmpty();
            assertThat(r.header("ETag")).contains(etag);
            assertThat(r.header("Content-Type")).as("a 304 has no body, so no body type").isEmpty();
            assertThat(get("/api/v1/plugins/demo/download?version=1.1.0", "If-None-Match", etag).header("Content-Type")).isEmpty();
        }

        @Test
        void weak_lists_and_star_match_too() {
            String etag = '"' + served110.sha256() + '"';
            assertThat(get("/api/v1/plugins/demo/download", "If-None-Match", "W/" + etag).status()).isEqualTo(304);
            assertThat(get("/api/v1/plugins/demo/download", "If-None-Match", "\"other\", " + etag).status()).isEqualTo(304);
            assertThat(get("/api/v1/plugins/demo/download", "If-None-Match", "*").status()).isEqualTo(304);
        }

        @Test
        void another_etag_gets_the_file() {
            ApiResponse r = get("/api/v1/plugins/demo/download", "If-None-Match", "\"" + "0".repeat(64) + "\"");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(demo110);
        }

        @Test
        void if_match_sends_the_file_only_when_it_is_the_one_named() {
            String etag = '"' + served110.sha256() + '"';
            assertThat(get("/api/v1/plugins/demo/download", "If-Match", etag).body()).isEqualTo(demo110);
            assertThat(get("/api/v1/plugins/demo/download", "If-Match", "*").status()).isEqualTo(200);

            ApiResponse other = get("/api/v1/plugins/demo/download", "If-Match", "\"" + "0".repeat(64) + "\"");
            assertThat(other.status()).isEqualTo(412);
            assertThat(other.json().get("code").asText()).isEqualTo("PRECONDITION_FAILED");
            assertThat(other.json().at("/details/etag").asText()).isEqualTo(etag);
            assertThat(get("/api/v1/plugins/demo/download", "If-Match", "W/" + etag).status())
                    .as("If-Match compares strongly: a weak tag never matches").isEqualTo(412);
        }
    }

    @Nested
    class Ranges {

        private static final String PATH = "/api/v1/plugins/big_one/download?version=1.0.0";

        @Test
        void a_closed_range_gets_206_with_those_bytes() {
            ApiResponse r = get(PATH, "Range", "bytes=100-199");

            assertThat(r.status()).isEqualTo(206);
            assertThat(r.header("Content-Range")).contains("bytes 100-199/" + big.length);
            assertThat(r.header("Content-Length")).contains("100");
            assertThat(r.body()).isEqualTo(Arrays.copyOfRange(big, 100, 200));
            assertThat(r.header("ETag")).contains('"' + servedBig.sha256() + '"');
        }

        @Test
        void a_suffix_range_gets_the_last_bytes() {
            ApiResponse r = get(PATH, "Range", "bytes=-100");

            assertThat(r.status()).isEqualTo(206);
            assertThat(r.header("Content-Range")).contains("bytes " + (big.length - 100) + "-" + (big.length - 1) + "/" + big.length);
            assertThat(r.body()).isEqualTo(Arrays.copyOfRange(big, big.length - 100, big.length));
        }

        @Test
        void an_open_range_gets_the_rest_of_the_file() {
            ApiResponse r = get(PATH, "Range", "bytes=1000000-");

            assertThat(r.status()).isEqualTo(206);
            assertThat(r.header("Content-Range")).contains("bytes 1000000-" + (big.length - 1) + "/" + big.length);
            assertThat(r.body()).isEqualTo(Arrays.copyOfRange(big, 1_000_000, big.length));
        }

        @Test
        void a_range_past_the_end_gets_416_with_the_size() {
            ApiResponse r = get(PATH, "Range", "bytes=" + big.length + "-");

            assertThat(r.status()).isEqualTo(416);
            assertThat(r.header("Content-Range")).contains("bytes */" + big.length);
            assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.json().get("code").asText()).isEqualTo("RANGE_NOT_SATISFIABLE");
        }

        @Test
        void several_ranges_get_the_whole_file() {
            ApiResponse r = get(PATH, "Range", "bytes=0-9,100-109");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(big);
        }

        @Test
        void if_range_with_another_etag_gets_the_whole_file_and_with_this_one_the_range() {
            ApiResponse stale = get(PATH, "Range", "bytes=0-9", "If-Range", "\"" + "0".repeat(64) + "\"");
            assertThat(stale.status()).isEqualTo(200);
            assertThat(stale.body()).isEqualTo(big);

            ApiResponse fresh = get(PATH, "Range", "bytes=0-9", "If-Range", '"' + servedBig.sha256() + '"');
            assertThat(fresh.status()).isEqualTo(206);
            assertThat(fresh.body()).isEqualTo(Arrays.copyOf(big, 10));
        }

        @Test
        void a_malformed_range_is_ignored() {
            ApiResponse r = get(PATH, "Range", "bytes=oops");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(big);
        }
    }

    @Nested
    class Head {

        @Test
        void head_answers_the_headers_without_a_body() {
            ApiResponse r = registry.api().request("HEAD", "/api/v1/plugins/demo/download").send();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
            assertThat(r.header("Content-Length")).contains(String.valueOf(demo110.length));
            assertThat(r.header("Content-Type")).contains("application/gzip");
            assertThat(r.header("ETag")).contains('"' + served110.sha256() + '"');
            assertThat(r.header("Content-Disposition")).contains("attachment; filename=\"demo-1.1.0.tar.gz\"");
        }

        @Test
        void head_with_a_range_answers_206_headers() {
            ApiResponse r = registry.api().request("HEAD", "/api/v1/plugins/demo/download")
                    .headers("Range", "bytes=-10").send();

            assertThat(r.status()).isEqualTo(206);
            assertThat(r.body()).isEmpty();
            assertThat(r.header("Content-Range")).contains("bytes " + (demo110.length - 10) + "-" + (demo110.length - 1)
                    + "/" + demo110.length);
        }
    }

    @Nested
    class Refusals {

        @Test
        void an_unknown_plugin_is_a_json_404() {
            ApiResponse r = get("/api/v1/plugins/no-such-plugin/download");

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
            assertThat(r.json().get("error").asText()).isEqualTo("Plugin not found");
        }

        @Test
        void an_id_that_breaks_the_id_rule_is_a_404() {
            ApiResponse r = get("/api/v1/plugins/Not_An_Id/download");

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
        }

        @Test
        void an_unknown_version_is_a_404_with_seed_001s_message() {
            for (String version : new String[] {"9.9.9", "not-a-version", "1.0", "3.0.0-rc.1"}) {
                ApiResponse r = get("/api/v1/plugins/demo/download?version=" + version);

                assertThat(r.status()).as(version).isEqualTo(404);
                assertThat(r.json().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
                assertThat(r.json().get("error").asText()).isEqualTo("Plugin version not found");
            }
        }

        @Test
        void a_deleted_plugin_is_a_404() {
            ApiResponse r = get("/api/v1/plugins/gone/download?version=1.0.0");

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
        }

        @Test
        void a_deleted_version_is_a_404_and_the_default_falls_back() {
            ApiResponse r = get("/api/v1/plugins/half-gone/download?version=2.0.0");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");

            assertThat(get("/api/v1/plugins/half-gone/download").header("Content-Disposition"))
                    .contains("attachment; filename=\"half-gone-1.0.0.zip\"");
        }

        @Test
        void a_plugin_without_versions_has_nothing_to_download() {
            ApiResponse r = get("/api/v1/plugins/empty/download");

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
        }

        @Test
        void a_banned_plugin_is_a_403_that_says_so() {
            ApiResponse r = get("/api/v1/plugins/banned-one/download");

            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().get("code").asText()).isEqualTo("PLUGIN_BANNED");
            assertThat(r.json().get("error").asText()).contains("banned");
        }
    }
}
