package dev.plughub.registry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.downloads.CatalogFixture;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed with SIGKILL in the middle of publishes: after a restart, every publish that was
 * answered 201 is there and downloads byte for byte, nothing half-written is visible, and the start-up
 * sweep leaves no orphan file and no stale upload.
 */
class CrashRecoveryTest {

    private static final int PLUGINS = 12;
    private static final int VERSIONS = 10;
    private static final int KILL_AFTER = 20;   // answered publishes; dozens more are in flight then

    @TempDir
    Path dataDir;
    @TempDir
    Path scratch;

    private record Package(String id, String version, Path file, String sha256) {
    }

    @Test
    void every_answered_publish_survives_a_sigkill_and_nothing_half_written_remains() throws Exception {
        List<Package> packages = new ArrayList<>();
        for (int v = 0; v < VERSIONS; v++) {
            for (int p = 0; p < PLUGINS; p++) {
                String id = "crash-" + p;
                String version = "1." + v + ".0";
                Path file = Publishing.randomPackage(scratch, id, version, 200 * 1024, p * 1000L + v);
                packages.add(new Package(id, version, file, TestPackages.sha256(file)));
            }
        }
        Map<Package, String> answered = new ConcurrentHashMap<>();   // 201s: package → file_hash answered

        try (ChildRegistry child = ChildRegistry.start(dataDir)) {
            Publishing.assumeAvailable(child.api(), scratch.resolve("probe"));
            ConcurrentLinkedQueue<Package> queue = new ConcurrentLinkedQueue<>(packages);
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger other = new AtomicInteger();
            CountDownLatch enough = new CountDownLatch(KILL_AFTER);
            try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < 16; w++) {
                    workers.submit(() -> {
                        Api api = child.api();
                        for (Package pkg; !killed.get() && (pkg = queue.poll()) != null; ) {
                            try {
                                ApiResponse r = Publishing.publish(api, pkg.file());
                                if (r.status() == 201) {
                                    answered.put(pkg, r.json().get("data").get("file_hash").asText());
                                    enough.countDown();
                                } else {
                                    other.incrementAndGet();
                                }
                            } catch (RuntimeException connectionLost) {
                                // killed mid-request: the outcome is unknown, which is allowed
                            }
                        }
                    });
                }
                enough.await(120, TimeUnit.SECONDS);
                child.kill();
                killed.set(true);
            }
            assertThat(answered).hasSizeGreaterThanOrEqualTo(KILL_AFTER);
            assertThat(other).as("publishes refused for another reason than the crash").hasValue(0);
            assertThat(answered.size()).as("the kill came while publishes were in flight").isLessThan(packages.size());
        }

        // The restart comes more than the sweep's grace period later: age every file accordingly. (In the
        // PostgreSQL run the packages are in an S3 bucket, whose write times cannot be set, and there is no folder.)
        for (Path f : filesUnder(dataDir.resolve("packages"))) {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        }

        int filesBeforeRestart = filesUnder(dataDir.resolve("packages")).size();
        try (ChildRegistry child = ChildRegistry.start(dataDir)) {
            System.out.printf("SIGKILL after %d answered publishes of %d; %d package files on disk; restart: %s%n",
                    answered.size(), packages.size(), filesBeforeRestart,
                    child.output().lines().filter(l -> l.contains("sweep")).findFirst().orElse("no sweep line"));
            Api api = child.api();
            for (var e : answered.entrySet()) {
                Package pkg = e.getKey();
                assertThat(Publishing.hex(e.getValue())).isEqualTo(pkg.sha256());
                JsonNode detail = api.get("/api/v1/plugins/" + pkg.id()).json().get("data");
                Set<String> listed = new HashSet<>();
                detail.get("versions").forEach(v -> listed.add(v.get("version").asText()));
                assertThat(listed).as(pkg.id()).contains(pkg.version());
                ApiResponse download = api.get("/api/v1/plugins/" + pkg.id() + "/download?version=" + pkg.version());
                assertThat(download.status()).isEqualTo(200);
                assertThat(Publishing.sha256(download.body())).isEqualTo(pkg.sha256());
            }
            // Whatever is visible, answered or not, downloads in full.
            for (int p = 0; p < PLUGINS; p++) {
                ApiResponse detail = api.get("/api/v1/plugins/crash-" + p);
                if (detail.status() == 404) {
                    continue;
                }
                for (JsonNode v : detail.json().get("data").get("versions")) {
                    ApiResponse download = api.get("/api/v1/plugins/crash-" + p + "/download?version="
                            + v.get("version").asText());
                    assertThat(download.status()).isEqualTo(200);
                    assertThat("sha256:" + Publishing.sha256(download.body())).isEqualTo(v.get("file_hash").asText());
                }
            }
            assertThat(filesUnder(dataDir.resolve("tmp").resolve("uploads"))).isEmpty();
        }

        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            Set<String> referenced = new HashSet<>(catalog.db().read().withHandle(h -> h
                    .createQuery("SELECT sha256 FROM plugin_versions WHERE deleted_at IS NULL")
                    .mapTo(String.class).list()));
            for (String sha : referenced) {
                assertThat(catalog.blobs().exists(sha)).as("the file of a visible version").isTrue();
            }
            assertThat(filesUnder(dataDir.resolve("packages")))
                    .as("every package file belongs to a version")
                    .allSatisfy(f -> assertThat(referenced).contains(f.getFileName().toString()));
        }
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
