package dev.plughub.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected answers are node-semver's (npm's) for the same range and version. */
class VersionRangeTest {

    @ParameterizedTest(name = "{0} contains {1}")
    @CsvSource(delimiter = ';', value = {
        "^1.2.3; 1.2.3", "^1.2.3; 1.9.9", "^0.2.3; 0.2.9", "^0.0.3; 0.0.3", "^1.2; 1.5.0", "^0.0; 0.0.9",
        "^0.x; 0.9.0", "^1.2.3-beta.2; 1.2.3-beta.4", "^1.2.3-beta.2; 1.2.3", "^0.0.3-beta; 0.0.3-pr.2",
        "~1.2.3; 1.2.9", "~1.2; 1.2.0", "~1; 1.9.0", "~>1.2; 1.2.5", "~1.2.3-beta.2; 1.2.3-beta.4",
        ">=1.0.0; 1.0.0", ">=1.0.0; 100.0.0", ">1.0.0; 1.0.1", "<2.0.0; 1.9.9", "<=2.0.0; 2.0.0", "=1.2.3; 1.2.3",
        "1.2.3; 1.2.3", "1.x; 1.0.0", "1.X; 1.9.9", "1.*; 1.2.3", "1; 1.5.5", "1.2; 1.2.7", "1.2.x; 1.2.0",
        "*; 0.0.0", "*; 99.0.0", "x; 3.2.1", "''; 1.0.0", ">1; 2.0.0", ">1.2; 1.3.0", "<1.2; 1.1.9", "<=1.2; 1.2.9",
        ">=1; 1.0.0", "1.2.3 - 2.3.4; 1.2.3", "1.2.3 - 2.3.4; 2.3.4", "1.2 - 2.3.4; 1.2.0", "1.2.3 - 2.3; 2.3.9",
        "1.2.3 - 2; 2.9.9", "* - 2; 0.0.1", ">=1.0.0 <2.0.0; 1.5.0", ">= 1.0.0  < 2.0.0; 1.5.0",
        "1.x || >=2.5.0; 2.6.0", "1.x || >=2.5.0; 1.2.0", "<1.0.0 || >2.0.0; 3.0.0", ">=1.0.0-rc.1; 1.0.0-rc.2",
        "v1.2.3; 1.2.3", "1.2.3+build; 1.2.3", "^1.0.0; 1.2.3+meta"
    })
    void contains_what_npm_accepts(String range, String version) {
        assertThat(VersionRange.parse(range).contains(Version.parse(version))).isTrue();
    }

    @ParameterizedTest(name = "{0} excludes {1}")
    @CsvSource(delimiter = ';', value = {
        "^1.2.3; 2.0.0", "^1.2.3; 1.2.2", "^1.2.3; 2.0.0-alpha", "^1.2.3; 1.3.0-beta", "^0.2.3; 0.3.0",
        "^0.0.3; 0.0.4", "^1.2.3-beta.2; 1.2.4-beta.2", "^0.0; 0.1.0", "^1.2.3-beta.2; 1.2.3-beta.1",
        "~1.2.3; 1.3.0", "~1.2.3; 1.2.2", "~1; 2.0.0", "~1.2.3-beta.2; 1.2.4-beta.2",
        ">=1.0.0; 0.9.9", ">1.0.0; 1.0.0", "<2.0.0; 2.0.0", "<2.0.0; 2.0.0-beta", "<=2.0.0; 2.0.1", "=1.2.3; 1.2.4",
        "1.x; 2.0.0", "1.x; 1.5.0-beta", "1.2; 1.3.0", "*; 1.0.0-beta", ">*; 1.0.0", "<*; 1.0.0", ">1; 1.9.9",
        ">1.2; 1.2.9", "<1.2; 1.2.0", "<1.2; 1.2.0-rc.1", "<=1.2; 1.3.0", "1.2.3 - 2.3.4; 2.3.5", "1.2.3 - 2.3.4; 1.2.2",
        "1.2.3 - 2.3; 2.4.0", ">=1.0.0 <2.0.0; 2.0.0", "1.x || >=2.5.0; 2.4.0", "<1.0.0 || >2.0.0; 1.5.0",
        ">=1.0.0; 1.1.0-beta", "1.2.3; 1.2.3-beta"
    })
    void excludes_what_npm_refuses(String range, String version) {
        assertThat(VersionRange.parse(range).contains(Version.parse(version))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "^", ">=", "1.2.3.4", "01.2.3", "1.x.3", ">=abc", "1.2.3 -", "- 1.2.3", "1.2.3 - ", "=>1.0.0", "<>1.0.0",
        "1.2.3-", "^^1.0.0", "1.2.3 || ^", "a || b", "9223372036854775808", ">1.2.3-01"
    })
    void refuses_what_does_not_parse(String text) {
        assertThat(VersionRange.isValid(text)).isFalse();
        assertThatThrownBy(() -> VersionRange.parse(text)).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void refuses_a_next_version_that_overflows() {
        assertThat(VersionRange.isValid("^9223372036854775807.0.0")).isFalse();
        assertThat(VersionRange.isValid(">=9223372036854775807.0.0")).isTrue();
    }

    @Test
    void refuses_null_and_overlong_text() {
        assertThat(VersionRange.isValid(null)).isFalse();
        assertThat(VersionRange.isValid("1.0.0 ".repeat(VersionRange.MAX_LENGTH))).isFalse();
    }

    @Test
    void gives_back_the_text_as_written() {
        assertThat(VersionRange.parse(">= 1.0.0  <2").toString()).isEqualTo(">= 1.0.0  <2");
        assertThat(VersionRange.parse("^1.2.0")).isEqualTo(VersionRange.parse("^1.2.0"));
    }

    @Test
    void any_contains_every_release() {
        assertThat(VersionRange.any().contains(Version.parse("0.0.0"))).isTrue();
        assertThat(VersionRange.any().contains(Version.parse("123.4.5"))).isTrue();
    }

    @Test
    void picks_the_highest_matching_version() {
        List<Version> candidates = List.of("1.0.0", "1.4.2", "1.5.0-beta", "2.0.0").stream().map(Version::parse).toList();

        assertThat(VersionRange.parse("^1.0.0").highestMatch(candidates)).contains(Version.parse("1.4.2"));
        assertThat(VersionRange.parse("^3.0.0").highestMatch(candidates)).isEmpty();
    }
}
