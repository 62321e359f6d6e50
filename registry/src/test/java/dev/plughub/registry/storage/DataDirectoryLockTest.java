package dev.plughub.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One server per data folder, whether the other is another process or this one; a killed holder frees it. */
class DataDirectoryLockTest {

    @TempDir
    Path dataDir;

    /** The other server: takes the lock, says so, and holds it until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            DataDirectoryLock.acquire(Path.of(args[0]));
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    @Test
    void a_second_server_in_another_process_is_refused_until_the_first_is_killed() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                dataDir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDir))
                    .isInstanceOf(DataDirectoryLock.InUse.class)
                    .hasMessageContaining("Another Plughub server is using the data folder " + dataDir)
                    .hasMessageContaining("--data-dir");
        } finally {
            other.destroyForcibly();
            other.waitFor(30, TimeUnit.SECONDS);
        }

        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir)) {
            assertThat(lock).as("a holder killed with SIGKILL leaves nothing to clean up").isNotNull();
        }
    }

    @Test
    void a_second_server_in_the_same_process_is_refused_and_the_folder_is_free_once_the_first_closes() throws Exception {
        try (DataDirectoryLock first = DataDirectoryLock.acquire(dataDir)) {
            assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDir)).isInstanceOf(DataDirectoryLock.InUse.class);
        }
        try (DataDirectoryLock again = DataDirectoryLock.acquire(dataDir)) {
            assertThat(again).isNotNull();
        }
    }
}
