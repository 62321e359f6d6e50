package dev.plughub.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @Test
    void parses_every_part_of_a_full_version() {
        Version version = Version.parse("1.2.3-rc.1+build.5");

        assertThat(version.major()).isEqualTo(1);
        assertThat(version.minor()).isEqualTo(2);
        assertThat(version.patch()).isEqualTo(3);
        assertThat(version.prerelease()).containsExactly("rc", "1");
        assertThat(version.build()).containsExactly("build", "5");
        assertThat(version.isPrerelease()).isTrue();
        assertThat(version).hasToString("1.2.3-rc.1+build.5");
    }

    @Test
    void keeps_hyphens_inside_prerelease_and_build_identifiers() {
        Version version = Version.parse("1.0.0-alpha-1.x-y+exp.sha-5114f85");

        assertThat(version.prerelease()).containsExactly("alpha-1", "x-y");
        assertThat(version.build()).containsExactly("exp", "sha-5114f85");
    }

    @Test
    void takes_numbers_up_to_the_largest_long() {
        assertThat(Version.parse("9223372036854775807.0.0").major()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "v1.2.3", " 1.2.3", "1.2.3 ", "1.2.3-",
        "1.2.3+", "1.2.3-01", "1.2.3-a..b", "1.2.3+a..b", "1.2.3-a_b", "-1.2.3", "1.-2.3", "a.b.c",
        "9223372036854775808.0.0", "1.2.3-é", "１.2.3", "1.2.3-rc.1+", "1..3"
    })
    void refuses_what_is_not_strict_semver(String text) {
        assertThatThrownBy(() -> Version.parse(text)).isInstanceOf(InvalidVersionException.class);
        assertThat(Version.tryParse(text)).isEmpty();
    }

    @Test
    void refuses_a_text_longer_than_the_limit_before_parsing_it() {
        String longText = "1.0.0-" + "a".repeat(Version.MAX_LENGTH);

        assertThatThrownBy(() -> Version.parse(longText))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("at most " + Version.MAX_LENGTH);
    }

    @Test
    void refuses_null() {
        assertThatThrownBy(() -> Version.parse(null)).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void orders_versions_by_semver_precedence() {
        // The example list from semver.org, section 11.
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
        List<Version> shuffled = new ArrayList<>(ordered.stream().map(Version::parse).toList());
        Collections.shuffle(shuffled);

        Collections.sort(shuffled);

        assertThat(shuffled).extracting(Version::toString).containsExactlyElementsOf(ordered);
    }

    @Test
    void compares_numeric_prerelease_identifiers_as_numbers_even_beyond_a_long() {
        assertThat(Version.parse("1.0.0-99999999999999999999").compareTo(Version.parse("1.0.0-100000000000000000000")))
                .isNegative();
        assertThat(Version.parse("1.0.0-2").compareTo(Version.parse("1.0.0-10"))).isNegative();
        assertThat(Version.parse("1.0.0-10").compareTo(Version.parse("1.0.0-a"))).isNegative();
    }

    @Test
    void ignores_build_metadata_for_order_but_not_for_equality() {
        Version a = Version.parse("1.0.0+a");
        Version b = Version.parse("1.0.0+b");

        assertThat(a.compareTo(b)).isZero();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.withoutBuild()).isEqualTo(b.withoutBuild()).isEqualTo(Version.of(1, 0, 0));
    }

    @Test
    void refuses_invalid_identifiers_when_built_directly() {
        assertThatThrownBy(() -> new Version(1, 0, 0, List.of("01"), List.of()))
                .isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> new Version(-1, 0, 0, List.of(), List.of()))
                .isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> new Version(1, 0, 0, List.of(), List.of("a b")))
                .isInstanceOf(InvalidVersionException.class);
    }
}
