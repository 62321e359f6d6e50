package dev.plughub.registry.catalog;

import static dev.plughub.registry.catalog.Publishing.OPERATOR;
import static dev.plughub.registry.catalog.Publishing.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.testing.RunningRegistry;
import dev.plughub.registry.testing.TestPackages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Publishes racing each other: one version is stored once; different versions are all stored. */
class ConcurrentPublishTest extends RunningRegistry {

    static final int CLIENTS = 20;

    @Test
    void twenty_publishes_of_one_version_store_it_exactly_once() throws Exception {
        List<Path> packages = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            // different bytes each time, same id and version
            packages.add(TestPackages.plugin("contested", "1.0.0").entry("n.txt", "client " + i).zip(files));
        }

        List<Integer> statuses = race(packages);

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(CLIENTS - 1);
        assertThat(api.get("/api/v1/plugins/contested/versions").json().at("/data/pagination/total").asInt()).isEqualTo(1);
    }

    @Test
    void twenty_publishes_of_different_versions_are_all_stored() throws Exception {
        List<Path> packages = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            packages.add(TestPackages.zip(files, "parallel", "1." + i + ".0"));
        }

        List<Integer> statuses = race(packages);

        assertThat(statuses).containsOnly(201);
        var detail = api.get("/api/v1/plugins/parallel").json().get("data");
        assertThat(detail.get("versions")).hasSize(CLIENTS);
        assertThat(detail.get("current_version").asText()).isEqualTo("1." + (CLIENTS - 1) + ".0");
    }

    private static List<Integer> race(List<Path> packages) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (Path p : packages) {
                results.add(pool.submit(() -> {
                    go.await();
                    return upload(api, p, OPERATOR).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            return statuses;
        }
    }
}
