package dev.plughub.registry.pf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.zafarkhaja.semver.Version;
import dev.plughub.core.version.VersionRange;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A manifest's npm range, written for PF4J, accepts the same host versions when PF4J's own
 * java-semver checks it as when Plughub's {@link VersionRange} does.
 */
class Pf4jRequiresTest {

    private static final List<String> HOSTS = List.of("0.9.0", "1.0.0", "1.2.0", "1.2.5", "1.3.0", "1.9.9", "2.0.0",
            "2.5.0", "3.0.0", "3.1.4", "10.0.0");

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            ">=1.0.0               ; >=1.0.0",
            "^1.2.0                ; ^1.2.0",
            "~1.2.0                ; ~1.2.0",
            ">=1.0.0 <2.0.0        ; >=1.0.0 & <2.0.0",
            ">= 1.2.0 < 3.0.0      ; >=1.2.0 & <3.0.0",
            "1.x || >=3.0.0        ; 1.x | >=3.0.0",
            ">=1.0.0 <1.3.0 || ^3.0.0 ; (>=1.0.0 & <1.3.0) | ^3.0.0",
            "1.2.0 - 2.0.0         ; 1.2.0 - 2.0.0",
            "*                     ; *",
    })
    void writes_the_range_in_pf4js_syntax_with_the_same_meaning(String npm, String pf4j) {
        assertThat(Pf4jRequires.fromRange(npm)).isEqualTo(pf4j);
        VersionRange range = VersionRange.parse(npm);
        for (String host : HOSTS) {
            boolean plughub = range.contains(dev.plughub.core.version.Version.parse(host));
            boolean java = pf4j.equals("*") || Version.parse(host).satisfies(pf4j);
            assertThat(java).as("host %s against %s (PF4J: %s)", host, npm, pf4j).isEqualTo(plughub);
        }
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "'   '"})
    void no_requirement_is_any_host(String npm) {
        assertThat(Pf4jRequires.fromRange(npm)).isEqualTo("*");
    }
}
