package dev.plughub.registry.downloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import org.jdbi.v3.core.Handles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cached answers never outlive a catalogue change made through this process's database. */
class VersionLookupTest {

    @TempDir
    Path dataDir;

    @Test
    void a_change_through_the_watched_database_is_seen_by_the_next_lookup() {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            VersionLookup lookup = new VersionLookup(new DownloadStore(catalog.db()), Duration.ofHours(1));
            catalog.db().write().getConfig(Handles.class).addListener(lookup.changeListener());
            catalog.plugin("moving");
            catalog.version("moving", "1.0.0", new byte[] {1}, "zip");
            assertThat(lookup.find("moving", null).version()).isEqualTo("1.0.0");

            catalog.version("moving", "1.1.0", new byte[] {2}, "zip");
            assertThat(lookup.find("moving", null).version()).isEqualTo("1.1.0");
            assertThat(lookup.find("moving", "latest").version()).isEqualTo("1.1.0");

            catalog.setStatus("moving", "banned");
            assertThatThrownBy(() -> lookup.find("moving", "1.0.0"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_BANNED));

            catalog.setStatus("moving", "active");
            catalog.deletePlugin("moving");
            assertThatThrownBy(() -> lookup.find("moving", "1.0.0"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND));
        }
    }

    @Test
    void a_change_made_elsewhere_is_seen_once_the_answer_expires() throws Exception {
        try (CatalogFixture catalog = CatalogFixture.open(dataDir)) {
            Duration maxAge = Duration.ofSeconds(1);
            VersionLookup lookup = new VersionLookup(new DownloadStore(catalog.db()), maxAge);
            catalog.plugin("far");
            catalog.version("far", "1.0.0", new byte[] {1}, "zip");
            assertThat(lookup.find("far", null).version()).isEqualTo("1.0.0");
            long cachedAt = System.nanoTime();

            catalog.version("far", "2.0.0", new byte[] {2}, "zip");   // no listener: another process, say
            String seen = lookup.find("far", null).version();
            if (System.nanoTime() - cachedAt < maxAge.toNanos()) {   // a slow machine may be past it already
                assertThat(seen).as("the cached answer, within its age").isEqualTo("1.0.0");
            }
            Thread.sleep(maxAge.toMillis() + 100);
            assertThat(lookup.find("far", null).version()).isEqualTo("2.0.0");
        }
    }
}
