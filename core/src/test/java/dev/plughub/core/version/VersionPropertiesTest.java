package dev.plughub.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class VersionPropertiesTest {

    @Property
    void printing_and_parsing_a_version_gives_it_back(@ForAll("versions") Version version) {
        assertThat(Version.parse(version.toString())).isEqualTo(version);
    }

    @Property
    void compare_is_antisymmetric(@ForAll("versions") Version a, @ForAll("versions") Version b) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    }

    @Property
    void compare_is_transitive(@ForAll("versions") Version a, @ForAll("versions") Version b, @ForAll("versions") Version c) {
        List<Version> sorted = new java.util.ArrayList<>(List.of(a, b, c));
        sorted.sort(Version::compareTo);
        assertThat(sorted.get(0).compareTo(sorted.get(2))).isLessThanOrEqualTo(0);
    }

    /** Build metadata is outside precedence, so consistency with equals holds once it is dropped. */
    @Property
    void compare_is_zero_exactly_when_versions_without_build_are_equal(@ForAll("versions") Version a, @ForAll("versions") Version b) {
        assertThat(a.compareTo(b) == 0).isEqualTo(a.withoutBuild().equals(b.withoutBuild()));
    }

    @Property
    void a_release_outranks_its_prereleases(@ForAll("versions") Version version) {
        Version release = Version.of(version.major(), version.minor(), version.patch());
        assertThat(release.compareTo(version)).isGreaterThanOrEqualTo(0);
    }

    @Property
    void caret_contains_its_version_and_not_the_next_major(@ForAll @LongRange(max = 1_000_000) long major,
            @ForAll @LongRange(max = 1_000_000) long minor, @ForAll @LongRange(max = 1_000_000) long patch) {
        VersionRange range = VersionRange.parse("^" + major + "." + minor + "." + patch);

        assertThat(range.contains(Version.of(major, minor, patch))).isTrue();
        assertThat(range.contains(Version.of(major + 1, 0, 0))).isFalse();
    }

    @Property
    void tilde_contains_its_version_and_not_the_next_minor(@ForAll @LongRange(max = 1_000_000) long major,
            @ForAll @LongRange(max = 1_000_000) long minor, @ForAll @LongRange(max = 1_000_000) long patch) {
        VersionRange range = VersionRange.parse("~" + major + "." + minor + "." + patch);

        assertThat(range.contains(Version.of(major, minor, patch))).isTrue();
        assertThat(range.contains(Version.of(major, minor + 1, 0))).isFalse();
    }

    @Property
    void an_exact_range_contains_only_its_version(@ForAll("versions") Version version, @ForAll("versions") Version other) {
        VersionRange range = VersionRange.parse("=" + version);

        assertThat(range.contains(version)).isTrue();
        assertThat(range.contains(other)).isEqualTo(other.compareTo(version) == 0);
    }

    @Property
    void range_parsing_never_throws_anything_but_invalid_version(@ForAll String text) {
        try {
            VersionRange.parse(text);
        } catch (InvalidVersionException expected) {
            // the only failure allowed
        }
    }

    @Provide
    Arbitrary<Version> versions() {
        Arbitrary<Long> numbers = Arbitraries.oneOf(Arbitraries.longs().between(0, 5), Arbitraries.longs().greaterOrEqual(0));
        Arbitrary<String> identifier = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcxyzABC-").ofMinLength(1).ofMaxLength(5),
                Arbitraries.longs().between(0, 20).map(String::valueOf));
        Arbitrary<List<String>> prerelease = identifier.list().ofMaxSize(3);
        Arbitrary<List<String>> build = Arbitraries.strings().withChars("0123456789abc-").ofMinLength(1).ofMaxLength(4).list().ofMaxSize(2);
        return Combinators.combine(numbers, numbers, numbers, prerelease, build).as(Version::new);
    }
}
