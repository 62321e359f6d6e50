package dev.plughub.registry.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.RegistryConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's choice of password-hash cost, and hashes of one cost verified by a hasher of another. */
class PasswordCostTest {

    @Test
    void the_default_is_owasps_minimum() {
        assertThat(RegistryConfig.fromEnvironment(Map.of()).passwordCost()).isEqualTo(new PasswordCost(19456, 2));
        assertThat(PasswordCost.OWASP_MINIMUM.belowOwaspMinimum()).isFalse();
    }

    @Test
    void the_environment_sets_memory_and_passes() {
        RegistryConfig config = RegistryConfig.fromEnvironment(Map.of(
                "PLUGHUB_PASSWORD_MEMORY_KIB", "65536", "PLUGHUB_PASSWORD_ITERATIONS", "3"));
        assertThat(config.passwordCost()).isEqualTo(new PasswordCost(65536, 3));
        assertThat(config.passwordCost().belowOwaspMinimum()).isFalse();
        assertThat(new PasswordCost(65536, 1).belowOwaspMinimum()).isTrue();
        assertThat(new PasswordCost(4096, 5).belowOwaspMinimum()).isTrue();
    }

    @Test
    void values_out_of_range_or_not_numbers_are_refused_naming_the_variable() {
        assertThatThrownBy(() -> RegistryConfig.fromEnvironment(Map.of("PLUGHUB_PASSWORD_MEMORY_KIB", "lots")))
                .hasMessage("PLUGHUB_PASSWORD_MEMORY_KIB must be a whole number, not 'lots'");
        assertThatThrownBy(() -> RegistryConfig.fromEnvironment(Map.of("PLUGHUB_PASSWORD_MEMORY_KIB", "4")))
                .hasMessage("PLUGHUB_PASSWORD_MEMORY_KIB must be from 8 to 1048576, not 4");
        assertThatThrownBy(() -> RegistryConfig.fromEnvironment(Map.of("PLUGHUB_PASSWORD_MEMORY_KIB", "2000000")))
                .hasMessageContaining("from 8 to 1048576");
        assertThatThrownBy(() -> RegistryConfig.fromEnvironment(Map.of("PLUGHUB_PASSWORD_ITERATIONS", "0")))
                .hasMessage("PLUGHUB_PASSWORD_ITERATIONS must be from 1 to 100, not 0");
        assertThatThrownBy(() -> RegistryConfig.fromEnvironment(Map.of("PLUGHUB_PASSWORD_ITERATIONS", "-2")))
                .hasMessage("PLUGHUB_PASSWORD_ITERATIONS must be from 1 to 100, not -2");
    }

    @Test
    void a_hash_carries_its_cost_so_a_changed_cost_still_verifies_old_passwords() {
        PasswordHasher before = PasswordHasher.argon2id(new PasswordCost(64, 1));
        PasswordHasher after = PasswordHasher.argon2id(new PasswordCost(128, 3));

        String old = before.hash("correct horse");
        String fresh = after.hash("correct horse");

        assertThat(old).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(fresh).startsWith("$argon2id$v=19$m=128,t=3,p=1$");
        assertThat(after.verify("correct horse", old)).isTrue();
        assertThat(before.verify("correct horse", fresh)).isTrue();
        assertThat(after.verify("wrong horse", old)).isFalse();
    }
}
