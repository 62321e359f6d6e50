package dev.plughub.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManifestAdviceTest {

    @Test
    void a_field_a_slip_away_from_one_plughub_reads_is_named_with_the_one_meant() {
        assertThat(ManifestAdvice.meant("permisions")).contains("permissions");
        assertThat(ManifestAdvice.meant("config_shema")).contains("config_schema");
        assertThat(ManifestAdvice.meant("entrypoint")).contains("entry_point");
        assertThat(ManifestAdvice.meant("entryPoint")).contains("entry_point");
        assertThat(ManifestAdvice.meant("Description")).contains("description");
    }

    @Test
    void fields_of_their_own_and_the_ones_read_are_left_alone() {
        assertThat(ManifestAdvice.meant("main_script")).as("seed 001's own field").isEmpty();
        assertThat(ManifestAdvice.meant("homepage")).as("an alias that is read").isEmpty();
        assertThat(ManifestAdvice.meant("icon")).as("too short to guess at").isEmpty();
        assertThat(ManifestAdvice.meant("screenshots")).isEmpty();
    }
}
