package dev.plughub.registry.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.version.Version;
import dev.plughub.registry.resolve.Resolution.Conflict;
import dev.plughub.registry.resolve.Resolution.Item;
import dev.plughub.registry.resolve.Resolution.LimitReached;
import dev.plughub.registry.resolve.Resolution.Plan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The resolver over an in-memory catalogue: what it chooses, in which order, and why it refuses. */
class ResolverTest {

    private final Catalogue catalogue = new Catalogue();

    @Test
    void picks_the_newest_version_in_range_and_installs_dependencies_first() {
        catalogue.publish("base", "1.0.0").publish("base", "1.4.0").publish("base", "2.0.0")
                .publish("app", "1.0.0", "base@^1.2.0");

        assertThat(plan(catalogue.resolve("app"))).containsExactly("base@1.4.0", "app@1.0.0");
    }

    @Test
    void a_diamond_shares_one_version_that_satisfies_both_sides() {
        catalogue.publish("d", "1.0.0").publish("d", "1.1.0").publish("d", "1.2.0").publish("d", "2.0.0")
                .publish("b", "1.0.0", "d@^1.0.0")
                .publish("c", "1.0.0", "d@>=1.1.0 <1.2.0")
                .publish("a", "1.0.0", "b@^1.0.0", "c@^1.0.0");

        List<String> plan = plan(catalogue.resolve("a"));

        assertThat(plan).containsExactlyInAnyOrder("a@1.0.0", "b@1.0.0", "c@1.0.0", "d@1.1.0");
        assertThat(plan.indexOf("d@1.1.0")).isLessThan(plan.indexOf("b@1.0.0")).isLessThan(plan.indexOf("a@1.0.0"));
        assertThat(plan.indexOf("c@1.0.0")).isLessThan(plan.indexOf("a@1.0.0"));
    }

    @Test
    void conflicting_ranges_name_both_requirers() {
        catalogue.publish("c", "1.0.0").publish("c", "2.0.0")
                .publish("a", "1.0.0", "c@^1.0.0")
                .publish("b", "1.0.0", "c@^2.0.0");

        Conflict conflict = (Conflict) catalogue.resolve("a", "b");

        assertThat(conflict.conflicts()).extracting(Item::id).containsOnly("c");
        assertThat(conflict.conflicts()).extracting(Item::requiredBy, Item::range)
                .contains(org.assertj.core.groups.Tuple.tuple("a@1.0.0", "^1.0.0"),
                        org.assertj.core.groups.Tuple.tuple("b@1.0.0", "^2.0.0"));
        assertThat(conflict.cycle()).isEmpty();
    }

    @Test
    void backtracks_to_an_older_top_level_version_when_the_newest_cannot_fit() {
        catalogue.publish("c", "1.0.0").publish("c", "2.0.0")
                .publish("a", "1.0.0", "c@^1.0.0")
                .publish("a", "2.0.0", "c@^2.0.0")
                .publish("x", "1.0.0", "c@^1.0.0");

        List<String> plan = plan(catalogue.resolve("a", "x"));

        assertThat(plan).containsExactlyInAnyOrder("a@1.0.0", "x@1.0.0", "c@1.0.0");
        assertThat(plan.get(0)).isEqualTo("c@1.0.0");
    }

    @Test
    void a_cycle_is_a_conflict_that_names_the_loop() {
        catalogue.publish("a", "1.0.0", "b@^1.0.0").publish("b", "1.0.0", "c@^1.0.0").publish("c", "1.0.0", "a@^1.0.0");

        Conflict conflict = (Conflict) catalogue.resolve("a");

        assertThat(conflict.cycle()).containsExactly("a@1.0.0", "b@1.0.0", "c@1.0.0", "a@1.0.0");
        assertThat(conflict.conflicts()).extracting(Item::requiredBy).containsExactly("a@1.0.0", "b@1.0.0", "c@1.0.0");
        assertThat(conflict.summary()).contains("a@1.0.0 → b@1.0.0 → c@1.0.0 → a@1.0.0");
    }

    @Test
    void a_cycle_is_avoided_when_an_older_version_breaks_it() {
        catalogue.publish("a", "1.0.0").publish("a", "2.0.0", "b@^1.0.0").publish("b", "1.0.0", "a@*");

        assertThat(plan(catalogue.resolve("b"))).containsExactly("a@1.0.0", "b@1.0.0");
    }

    @Test
    void a_missing_dependency_is_named_with_its_requirer() {
        catalogue.publish("a", "1.0.0", "ghost@^1.0.0");

        Conflict conflict = (Conflict) catalogue.resolve("a");

        assertThat(conflict.conflicts()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo("ghost");
            assertThat(i.requiredBy()).isEqualTo("a@1.0.0");
            assertThat(i.reason()).contains("no plugin ghost");
        });
    }

    @Test
    void a_banned_dependency_is_never_installed() {
        catalogue.publish("evil", "1.0.0").ban("evil").publish("a", "1.0.0", "evil@*");

        Conflict conflict = (Conflict) catalogue.resolve("a");

        assertThat(conflict.conflicts()).singleElement().satisfies(i -> assertThat(i.reason()).contains("banned"));
    }

    @Test
    void yanked_versions_are_never_chosen() {
        catalogue.publish("b", "1.0.0").publishYanked("b", "1.1.0").publish("a", "1.0.0", "b@^1.0.0");

        assertThat(plan(catalogue.resolve("a"))).containsExactly("b@1.0.0", "a@1.0.0");
        assertThat(catalogue.resolve("b@1.1.0")).isInstanceOf(Conflict.class);
    }

    @Test
    void prereleases_only_when_asked_or_when_the_range_names_one() {
        catalogue.publish("b", "1.0.0").publish("b", "1.1.0-beta.2").publish("b", "2.0.0-rc.1");

        assertThat(plan(catalogue.resolve("b@^1.0.0"))).containsExactly("b@1.0.0");
        assertThat(plan(catalogue.resolve("b@^1.1.0-beta.1"))).containsExactly("b@1.1.0-beta.2");
        assertThat(plan(catalogue.resolve(new VersionChoice(true, Optional.empty()), Resolver.Limits.DEFAULT, "b@^1.0.0")))
                .containsExactly("b@1.1.0-beta.2");
        assertThat(plan(catalogue.resolve(new VersionChoice(true, Optional.empty()), Resolver.Limits.DEFAULT, "b")))
                .containsExactly("b@2.0.0-rc.1");
    }

    @Test
    void only_versions_that_run_on_the_host_are_chosen() {
        catalogue.publishForHost("b", "1.0.0", ">=1.0.0").publishForHost("b", "2.0.0", ">=2.0.0");
        VersionChoice onOldHost = new VersionChoice(false, Optional.of(Version.parse("1.5.0")));
        VersionChoice onAncientHost = new VersionChoice(false, Optional.of(Version.parse("0.9.0")));

        assertThat(plan(catalogue.resolve(onOldHost, Resolver.Limits.DEFAULT, "b"))).containsExactly("b@1.0.0");
        assertThat(plan(catalogue.resolve("b"))).containsExactly("b@2.0.0");
        Conflict conflict = (Conflict) catalogue.resolve(onAncientHost, Resolver.Limits.DEFAULT, "b");
        assertThat(conflict.conflicts()).singleElement().satisfies(i -> assertThat(i.reason()).contains("host version 0.9.0"));
    }

    @Test
    void an_optional_dependency_is_installed_only_when_something_else_needs_it_and_then_within_its_range() {
        catalogue.publish("extra", "1.0.0").publish("extra", "2.0.0")
                .publish("a", "1.0.0", "extra?@^2.0.0");

        assertThat(plan(catalogue.resolve("a"))).containsExactly("a@1.0.0");
        assertThat(plan(catalogue.resolve("a", "extra"))).containsExactly("extra@2.0.0", "a@1.0.0");
        assertThat(catalogue.resolve("a", "extra@^1.0.0")).isInstanceOf(Conflict.class);
    }

    @Test
    void too_many_steps_end_the_search_with_a_limit() {
        for (int i = 0; i < 50; i++) {
            catalogue.publish("a", "1.0." + i, "c@^2.0.0");
        }
        catalogue.publish("c", "1.0.0");

        Resolution r = catalogue.resolve(VersionChoice.STABLE, new Resolver.Limits(500, 20), "a");

        assertThat(r).isInstanceOfSatisfying(LimitReached.class, l -> assertThat(l.message()).contains("20 steps"));
        assertThat(catalogue.resolve("a")).isInstanceOf(Conflict.class);
    }

    @Test
    void too_large_a_plan_ends_the_search_with_a_limit() {
        for (int i = 0; i < 10; i++) {
            catalogue.publish("p" + i, "1.0.0", "p" + (i + 1) + "@*");
        }
        catalogue.publish("p10", "1.0.0");

        Resolution r = catalogue.resolve(VersionChoice.STABLE, new Resolver.Limits(5, 10_000), "p0");

        assertThat(r).isInstanceOfSatisfying(LimitReached.class, l -> assertThat(l.message()).contains("more than 5 plugins"));
        assertThat(plan(catalogue.resolve("p0"))).hasSize(11).startsWith("p10@1.0.0").endsWith("p0@1.0.0");
    }

    static List<String> plan(Resolution resolution) {
        assertThat(resolution).as("%s", resolution).isInstanceOf(Plan.class);
        return ((Plan) resolution).installOrder().stream().map(Release::label).toList();
    }
}
