package dev.plughub.registry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.downloads.CatalogFixture;
import dev.plughub.registry.faults.ChildRegistry;
import dev.plughub.registry.testing.Accounts;
import dev.plughub.registry.testing.Api;
import dev.plughub.registry.testing.ApiResponse;
import dev.plughub.registry.testing.Publisher;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node of a cluster killed with SIGKILL in the middle of uploads, while another keeps serving:
 * every upload the dead node acknowledged is there on the survivor and downloads byte for byte, and
 * whatever the survivor shows — acknowledged or not — downloads whole.
 */
class NodeCrashTest {

    private static final int PLUGINS = 8;
    private static final int VERSIONS = 8;
    private static final int KILL_AFTER = 16;   // acknowledged uploads; dozens more are in flight then

    @TempDir
    Path root;
    @TempDir
    Path scratch;

    private record Package(String id, String version, Path file, String sha256) {
    }

    @Test
    void nothing_acknowledged_is_lost_and_nothing_half_written_is_visible_when_a_node_dies() throws Exception {
        List<Package> packages = new ArrayList<>();
        Random random = new Random(5);
        for (int v = 0; v < VERSIONS; v++) {
            for (int p = 0; p < PLUGINS; p++) {
                byte[] payload = new byte[150 * 1024];
                random.nextBytes(payload);
                Path file = TestPackages.plugin("node-crash-" + p, "1." + v + ".0").entry("payload.bin", payload)
                        .zip(scratch.resolve("p" + p + "v" + v));
                packages.add(new Package("node-crash-" + p, "1." + v + ".0", file, TestPackages.sha256(file)));
            }
        }
        Map<Package, String> acknowledged = new ConcurrentHashMap<>();

        try (Cluster cluster = Cluster.start(root, 1, c -> c);
             ChildRegistry doomed = ChildRegistry.start(cluster.home())) {
            ConcurrentLinkedQueue<Package> queue = new ConcurrentLinkedQueue<>(packages);
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger refused = new AtomicInteger();
            ConcurrentLinkedQueue<String> failedBeforeTheKill = new ConcurrentLinkedQueue<>();
            CountDownLatch enough = new CountDownLatch(KILL_AFTER);
            try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < 12; w++) {
                    workers.submit(() -> {
                        Api api = doomed.api();
                        for (Package pkg; !killed.get() && (pkg = queue.poll()) != null; ) {
                            try {
                                ApiResponse r = Publisher.upload(api, pkg.file(), Accounts.OPERATOR);
                                if (r.status() == 201) {
                                    acknowledged.put(pkg, r.json().at("/data/file_hash").asText());
                                    enough.countDown();
                                } else {
                                    refused.incrementAndGet();
                                    failedBeforeTheKill.add(r.status() + " " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
                                }
                            } catch (RuntimeException connectionLost) {
                                // killed mid-request: the outcome is unknown, which is allowed
                                if (!killed.get()) {
                                    failedBeforeTheKill.add(connectionLost.toString());
                                }
                            }
                        }
                    });
                }
                boolean reached = enough.await(120, TimeUnit.SECONDS);
                killed.compareAndSet(false, !reached);   // a failing run stops its workers instead of publishing on
                assertThat(reached)
                        .as(() -> "uploads acknowledged before the kill (" + acknowledged.size() + " of " + KILL_AFTER
                                + "); requests that failed: " + failedBeforeTheKill + "; the node's log:\n" + doomed.output())
                        .isTrue();
                doomed.kill();
                killed.set(true);
            }
            assertThat(refused).as("uploads refused for another reason than the kill").hasValue(0);
            assertThat(acknowledged.size()).as("the kill came while uploads were in flight").isLessThan(packages.size());

            Api survivor = cluster.api(0);
            for (var e : acknowledged.entrySet()) {
                Package pkg = e.getKey();
                assertThat(e.getValue()).isEqualTo("sha256:" + pkg.sha256());
                ApiResponse download = survivor.get("/api/v1/plugins/" + pkg.id() + "/download?version=" + pkg.version());
                assertThat(download.status()).as("%s %s", pkg.id(), pkg.version()).isEqualTo(200);
                assertThat(CatalogFixture.sha256(download.body())).isEqualTo(pkg.sha256());
            }
            int visible = 0;
            for (int p = 0; p < PLUGINS; p++) {
                ApiResponse detail = survivor.get("/api/v1/plugins/node-crash-" + p);
                if (detail.status() == 404) {
                    continue;
                }
                for (JsonNode v : detail.json().at("/data/versions")) {
                    ApiResponse download = survivor.get("/api/v1/plugins/node-crash-" + p + "/download?version="
                            + v.get("version").asText());
                    assertThat(download.status()).isEqualTo(200);
                    assertThat("sha256:" + CatalogFixture.sha256(download.body())).isEqualTo(v.get("file_hash").asText());
                    visible++;
                }
            }
            assertThat(visible).isGreaterThanOrEqualTo(acknowledged.size());
            System.out.printf("SIGKILL after %d acknowledged uploads of %d; %d versions visible on the survivor%n",
                    acknowledged.size(), packages.size(), visible);
        }
    }
}
