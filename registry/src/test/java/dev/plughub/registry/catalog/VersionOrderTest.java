package dev.plughub.registry.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.version.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    record V(Version semver, boolean yanked, boolean deleted) implements VersionOrder.Candidate {
        static V of(String text) {
            return new V(Version.parse(text), false, false);
        }

        V yank() {
            return new V(semver, true, deleted);
        }

        V delete() {
            return new V(semver, yanked, true);
        }
    }

    @Test
    void orders_by_semver_precedence_not_by_text() {
        List<V> sorted = VersionOrder.live(List.of(V.of("1.9.0-rc.1"), V.of("1.10.0"), V.of("1.9.0"), V.of("1.2.0")));
        assertThat(sorted).extracting(v -> v.semver().toString()).containsExactly("1.10.0", "1.9.0", "1.9.0-rc.1", "1.2.0");
    }

    @Test
    void current_version_is_the_newest_stable_one() {
        assertThat(VersionOrder.current(List.of(V.of("1.9.0"), V.of("2.0.0-beta.1"), V.of("1.10.0"))))
                .map(v -> v.semver().toString()).hasValue("1.10.0");
    }

    @Test
    void current_version_skips_yanked_and_deleted_versions() {
        assertThat(VersionOrder.current(List.of(V.of("1.0.0"), V.of("1.1.0").yank(), V.of("1.2.0").delete())))
                .map(v -> v.semver().toString()).hasValue("1.0.0");
    }

    @Test
    void there_is_no_current_version_with_only_pre_releases() {
        List<V> versions = List.of(V.of("1.0.0-alpha"), V.of("1.0.0-beta"));
        assertThat(VersionOrder.current(versions)).isEmpty();
        assertThat(VersionOrder.head(versions)).map(v -> v.semver().toString()).hasValue("1.0.0-beta");
    }

    @Test
    void deleted_versions_are_neither_current_nor_head() {
        assertThat(VersionOrder.head(List.of(V.of("1.0.0").delete()))).isEmpty();
    }
}
