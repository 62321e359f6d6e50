package dev.plughub.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostRequirementTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.0.0        | >=1.0.0",
            "' 2.3.4 '    | >=2.3.4",
            "^1.2.0       | ^1.2.0",
            ">=1.0.0 <2.0.0 | >=1.0.0 <2.0.0"})
    void a_version_means_that_version_or_later_and_a_range_stays(String written, String range) {
        assertThat(HostRequirement.asRange(written)).isEqualTo(range);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ">=1.0.0        | 1.0.0",
            ">=1.0.0-beta.1 | 1.0.0-beta.1",
            "^1.2.0         | ^1.2.0",
            ">=1.0.0 <2.0.0 | >=1.0.0 <2.0.0",
            ">=1.x          | >=1.x"})
    void a_lower_bound_alone_shows_as_its_version(String range, String shown) {
        assertThat(HostRequirement.asMinimumVersion(range)).isEqualTo(shown);
    }

    @Test
    void a_version_round_trips() {
        assertThat(HostRequirement.asMinimumVersion(HostRequirement.asRange("1.0.0"))).isEqualTo("1.0.0");
    }
}
