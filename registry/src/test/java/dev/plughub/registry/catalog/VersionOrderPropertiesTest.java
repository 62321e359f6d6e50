package dev.plughub.registry.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.version.Version;
import dev.plughub.registry.catalog.VersionOrderTest.V;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A publish updates a plugin's current version and head from the plugin's row alone
 * ({@link VersionOrder#afterAdding}); whatever the versions before it (yanked, deleted,
 * pre-releases), that must say what the whole rule would say over every version.
 */
class VersionOrderPropertiesTest {

    private static final List<String> PRE = List.of("", "-alpha", "-alpha.1", "-beta", "-rc.1", "-rc.2");

    @Property(tries = 2000)
    void adding_a_version_changes_current_and_head_as_the_whole_rule_says(
            @ForAll("histories") List<V> before, @ForAll("versions") Version added) {
        if (before.stream().anyMatch(v -> v.semver().compareTo(added) == 0)) {
            return;   // a version is published once: the database refuses it before this rule runs
        }
        List<V> after = new ArrayList<>(before);
        after.add(new V(added, false, false));
        Optional<Version> currentBefore = VersionOrder.current(before).map(V::semver);

        switch (VersionOrder.afterAdding(currentBefore, added)) {
            case KEEPS_HEAD -> {
                assertThat(VersionOrder.current(after).map(V::semver)).isEqualTo(currentBefore);
                assertThat(VersionOrder.head(after).map(V::semver)).isEqualTo(VersionOrder.head(before).map(V::semver));
            }
            case BECOMES_CURRENT -> {
                assertThat(VersionOrder.current(after).map(V::semver)).hasValue(added);
                assertThat(VersionOrder.head(after).map(V::semver)).hasValue(added);
            }
            case RECOMPUTE -> assertThat(currentBefore).isEmpty();
        }
    }

    @Provide
    Arbitrary<Version> versions() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 3), Arbitraries.of(PRE))
                .as((major, minor, patch, pre) -> Version.parse(major + "." + minor + "." + patch + pre));
    }

    @Provide
    Arbitrary<List<V>> histories() {
        Arbitrary<V> version = Combinators.combine(versions(), Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 5))
                .as((semver, yanked, deleted) -> new V(semver, yanked == 0, deleted == 0));
        return version.list().ofMaxSize(12).uniqueElements(V::semver);
    }
}
