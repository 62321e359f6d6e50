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
    void what_a_host_would_refuse_to_run_is_said_at_once() {
        PluginManifest javaWithoutEntryPoint = json("""
                {"id": "p", "name": "P", "version": "1.0.0", "runtime": "java"}""");
        PluginManifest hiddenSecret = json("""
                {"id": "p", "name": "P", "version": "1.0.0", "config_schema": {"type": "object", "properties": {
                  "servers": {"type": "array", "items": {"type": "object", "properties": {
                    "password": {"type": "string", "writeOnly": true}}}}}}}""");
        PluginManifest noRuntime = json("""
                {"id": "p", "name": "P", "version": "1.0.0"}""");

        assertThat(ManifestAdvice.warnings(javaWithoutEntryPoint)).singleElement().asString().contains("names no entry_point");
        assertThat(ManifestAdvice.warnings(hiddenSecret)).singleElement().asString()
                .contains("at properties.servers.items.properties.password");
        assertThat(ManifestAdvice.warnings(noRuntime)).as("no runtime named: not said to be a Java plugin").isEmpty();
    }

    private static PluginManifest json(String text) {
        return ManifestParser.parse(ManifestFormat.PLUGIN_JSON, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void fields_of_their_own_and_the_ones_read_are_left_alone() {
        assertThat(ManifestAdvice.meant("main_script")).as("seed 001's own field").isEmpty();
        assertThat(ManifestAdvice.meant("homepage")).as("an alias that is read").isEmpty();
        assertThat(ManifestAdvice.meant("icon")).as("too short to guess at").isEmpty();
        assertThat(ManifestAdvice.meant("screenshots")).isEmpty();
    }
}
