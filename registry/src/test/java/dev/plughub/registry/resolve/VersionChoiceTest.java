package dev.plughub.registry.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.version.Version;
import dev.plughub.core.version.VersionRange;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a version satisfies a range for a client, with and without {@code prerelease: true}. */
class VersionChoiceTest {

    private static final VersionChoice STABLE = VersionChoice.STABLE;
    private static final VersionChoice PRERELEASES = new VersionChoice(true, Optional.empty());

    @ParameterizedTest(name = "{1} in {0}: stable {2}, with pre-releases {3}")
    @CsvSource(delimiter = ';', value = {
            "^1.2.0              ; 1.3.0-beta.1 ; false ; true",
            "^1.2.0              ; 2.0.0-rc.1   ; false ; false",
            "^1.2.0              ; 1.2.0-rc.1   ; false ; false",
            ">=1.3.0             ; 1.3.0-beta   ; false ; false",
            "^1.3.0-beta.0       ; 1.3.0-beta.2 ; true  ; true",
            "*                   ; 5.0.0-alpha  ; false ; true",
            "1.0.0 - 2.0.0       ; 1.5.0-beta   ; false ; true",
            "1.0.0 - 2.0.0       ; 2.0.1-beta   ; false ; false",
            "1.x || 3.x          ; 3.1.0-rc.1   ; false ; true",
            "1.x || 3.x          ; 2.1.0-rc.1   ; false ; false",
            "^1.2.0              ; 1.4.0        ; true  ; true",
    })
    void prereleases_match_only_when_asked_for_or_named_by_the_range(String range, String version, boolean stable,
                                                                     boolean withPrereleases) {
        VersionRange r = VersionRange.parse(range);
        Version v = Version.parse(version);

        assertThat(STABLE.matches(r, v)).isEqualTo(stable);
        assertThat(PRERELEASES.matches(r, v)).isEqualTo(withPrereleases);
    }
}
