package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cache's training run: it must really start {@code serve}, publish, and get a 200 for
 * every request it sends (a route that moved would otherwise leave the cache trained on errors), then
 * stop the server cleanly.
 */
class AotTrainingTest {

    @Test
    void trains_on_a_real_server_whose_every_answer_is_a_200_and_stops_it_cleanly(@TempDir Path scratch) throws Exception {
        int code = AotTraining.train(scratch, Duration.ofMillis(500));

        assertThat(code).as("serve's exit code").isZero();
        Path packages = scratch.resolve("data").resolve("packages");
        try (Stream<Path> files = Files.walk(packages)) {
            assertThat(files.filter(Files::isRegularFile).count()).as("the published package was stored").isEqualTo(1);
        }
    }
}
