package dev.plughub.registry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestBlobStores;
import dev.plughub.registry.testing.TestPackages;
import dev.plughub.registry.testing.TestRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishes racing each other: a version is published once, and different versions never lose each other. */
class ConcurrentPublishTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path scratch;

    @Test
    void twenty_concurrent_publishes_of_one_version_give_exactly_one_201() throws Exception {
        try (TestRegistry registry = TestRegistry.start(dataDir)) {
            Publishing.assumeAvailable(registry.api(), scratch);
            List<Path> packages = new ArrayList<>();
            for (int i = 0; i < 20; i++) {   // same id and version, different bytes
                packages.add(Publishing.randomPackage(scratch.resolve("p" + i), "racer", "1.0.0", 10_000, i));
            }
            List<Callable<ApiResponse>> tasks = new ArrayList<>();
            for (Path p : packages) {
                tasks.add(() -> Publishing.publish(registry.api(), p));
            }

            List<ApiResponse> answers = Publishing.allAtOnce(tasks);

            assertThat(answers).extracting(ApiResponse::status).as(answers.toString())
                    .containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
            int winner = answers.stream().map(ApiResponse::status).toList().indexOf(201);
            answers.stream().filter(a -> a.status() == 409)
                    .forEach(a -> assertThat(a.json().get("code").asText()).isEqualTo("VERSION_EXISTS"));
            String published = Publishing.hex(answers.get(winner).json().get("data").get("file_hash").asText());
            assertThat(published).isEqualTo(TestPackages.sha256(packages.get(winner)));

            ApiResponse download = registry.api().get("/api/v1/plugins/racer/download?version=1.0.0");
            assertThat(download.status()).isEqualTo(200);
            assertThat(Publishing.sha256(download.body())).isEqualTo(published);
            for (int i = 0; i < packages.size(); i++) {   // a refused publish leaves nothing behind
                assertThat(TestBlobStores.contains(dataDir, TestPackages.sha256(packages.get(i))))
                        .as("package %d of the race is stored", i).isEqualTo(i == winner);
            }
        }
    }

    @Test
    void twenty_concurrent_publishes_of_different_versions_are_all_stored() throws Exception {
        try (TestRegistry registry = TestRegistry.start(dataDir)) {
            Publishing.assumeAvailable(registry.api(), scratch);
            List<Callable<ApiResponse>> tasks = new ArrayList<>();
            List<Path> packages = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Path p = Publishing.randomPackage(scratch, "fleet", "1." + i + ".0", 10_000, i);
                packages.add(p);
                tasks.add(() -> Publishing.publish(registry.api(), p));
            }

            List<ApiResponse> answers = Publishing.allAtOnce(tasks);

            assertThat(answers).extracting(ApiResponse::status).as(answers.toString()).containsOnly(201);
            JsonNode detail = registry.api().get("/api/v1/plugins/fleet").json().get("data");
            Set<String> listed = new HashSet<>();
            detail.get("versions").forEach(v -> listed.add(v.get("version").asText()));
            for (int i = 0; i < 20; i++) {
                String version = "1." + i + ".0";
                assertThat(listed).contains(version);
                ApiResponse download = registry.api().get("/api/v1/plugins/fleet/download?version=" + version);
                assertThat(download.status()).isEqualTo(200);
                assertThat(Publishing.sha256(download.body())).isEqualTo(TestPackages.sha256(packages.get(i)));
            }
            assertThat(detail.get("current_version").asText()).isEqualTo("1.19.0");
        }
    }
}
