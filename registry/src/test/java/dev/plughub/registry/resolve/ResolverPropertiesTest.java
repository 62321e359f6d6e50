package dev.plughub.registry.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.manifest.PluginDependency;
import dev.plughub.core.version.VersionRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over random catalogues of five plugins: every plan the resolver gives is consistent (each request
 * and each dependency met by the chosen version, nothing yanked, dependencies installed first), and
 * resolving is deterministic.
 */
class ResolverPropertiesTest {

    private static final List<String> IDS = List.of("a", "b", "c", "d", "e");
    private static final List<String> VERSIONS = List.of("1.0.0", "1.1.0", "2.0.0", "2.1.0", "3.0.0");
    private static final List<String> RANGES = List.of("*", "^1.0.0", "^2.0.0", ">=1.1.0", "~2.0.0", "<2.0.0", "1.x || 3.x");

    /** One published version: which plugin, which version, yanked or not, and its dependencies. */
    record Spec(int plugin, int version, boolean yanked, List<int[]> dependencies) {
    }

    @Provide
    Arbitrary<List<Spec>> catalogues() {
        Arbitrary<int[]> dependency = Combinators.combine(Arbitraries.integers().between(0, IDS.size() - 1),
                Arbitraries.integers().between(0, RANGES.size() - 1), Arbitraries.integers().between(0, 4))
                .as((id, range, optional) -> new int[] {id, range, optional == 0 ? 1 : 0});
        Arbitrary<Spec> spec = Combinators.combine(Arbitraries.integers().between(0, IDS.size() - 1),
                Arbitraries.integers().between(0, VERSIONS.size() - 1), Arbitraries.integers().between(0, 5).map(n -> n == 0),
                dependency.list().ofMaxSize(3)).as(Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(15);
    }

    @Property(tries = 300)
    void every_plan_meets_every_requirement_in_install_order(@ForAll("catalogues") List<Spec> specs,
                                                             @ForAll("requests") List<String> requests) {
        Catalogue catalogue = build(specs);

        Resolution r = catalogue.resolve(requests.toArray(String[]::new));

        if (!(r instanceof Resolution.Plan plan)) {
            assertThat(r).isInstanceOf(Resolution.Conflict.class);
            return;
        }
        Map<String, Release> chosen = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (Release release : plan.installOrder()) {
            assertThat(chosen.put(release.pluginId(), release)).as("one version per plugin").isNull();
            position.put(release.pluginId(), position.size());
            assertThat(release.yanked()).isFalse();
        }
        for (String request : requests) {
            String[] parts = request.split("@", 2);
            assertThat(chosen).containsKey(parts[0]);
            assertThat(VersionRange.parse(parts[1]).contains(chosen.get(parts[0]).version())).isTrue();
        }
        for (Release release : plan.installOrder()) {
            for (PluginDependency d : release.dependencies()) {
                Release dependency = chosen.get(d.id());
                if (dependency == null) {
                    assertThat(d.optional()).as("%s needs %s", release.label(), d.id()).isTrue();
                    continue;
                }
                assertThat(VersionRange.parse(d.range()).contains(dependency.version()))
                        .as("%s needs %s %s", release.label(), d.id(), d.range()).isTrue();
                assertThat(position.get(d.id())).as("%s installed before %s", d.id(), release.label())
                        .isLessThan(position.get(release.pluginId()));
            }
        }
    }

    @Property(tries = 100)
    void resolving_twice_gives_the_same_answer(@ForAll("catalogues") List<Spec> specs, @ForAll("requests") List<String> requests) {
        Catalogue catalogue = build(specs);
        String[] asked = requests.toArray(String[]::new);

        assertThat(catalogue.resolve(asked)).isEqualTo(catalogue.resolve(asked));
    }

    @Provide
    Arbitrary<List<String>> requests() {
        return Combinators.combine(Arbitraries.of(IDS), Arbitraries.of(RANGES)).as((id, range) -> id + "@" + range)
                .list().ofMinSize(1).ofMaxSize(3);
    }

    private static Catalogue build(List<Spec> specs) {
        Catalogue catalogue = new Catalogue();
        Map<String, Boolean> published = new HashMap<>();
        for (Spec s : specs) {
            String id = IDS.get(s.plugin());
            String version = VERSIONS.get(s.version());
            if (published.putIfAbsent(id + "@" + version, true) != null) {
                continue; // a version is published once
            }
            List<String> deps = new ArrayList<>();
            Map<String, Boolean> named = new HashMap<>();
            for (int[] d : s.dependencies()) {
                String dep = IDS.get(d[0]);
                if (named.putIfAbsent(dep, true) == null) {
                    deps.add(dep + (d[2] == 1 ? "?" : "") + "@" + RANGES.get(d[1]));
                }
            }
            if (s.yanked()) {
                catalogue.publishYanked(id, version, deps.toArray(String[]::new));
            } else {
                catalogue.publish(id, version, deps.toArray(String[]::new));
            }
        }
        return catalogue;
    }
}
