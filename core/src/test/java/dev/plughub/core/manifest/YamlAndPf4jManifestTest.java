package dev.plughub.core.manifest;

import static dev.plughub.core.manifest.ManifestAssertions.parse;
import static dev.plughub.core.manifest.ManifestAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.plughub.core.PackageRules;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class YamlAndPf4jManifestTest {

    @Test
    void reads_plugin_yaml_with_the_plugin_json_fields() {
        PluginManifest manifest = parse(ManifestFormat.PLUGIN_YAML, """
                id: analytics-plugin
                name: Analytics Plugin
                version: 1.2.0
                tags: [analytics, "métriques"]
                dependencies:
                  plugins:
                    base-lib: ^1.2.0
                events:
                  emits:
                    - type: analytics.batch
                config_schema:
                  batch_size: {type: integer, default: 50}
                """);

        assertThat(manifest.version()).hasToString("1.2.0");
        assertThat(manifest.tags()).containsExactly("analytics", "métriques");
        assertThat(manifest.pluginDependencies()).containsExactly(new PluginDependency("base-lib", "^1.2.0", false));
        assertThat(manifest.eventsEmitted()).containsExactly("analytics.batch");
        assertThat(manifest.format()).isEqualTo(ManifestFormat.PLUGIN_YAML);
    }

    @Test
    void reports_a_yaml_number_where_a_version_string_belongs() {
        assertThat(refusal(ManifestFormat.PLUGIN_YAML, "id: p\nname: P\nversion: 1.0\n").fieldErrors()).containsOnlyKeys("version");
    }

    @Test
    void refuses_a_billion_laughs_quickly() {
        String bomb = """
                id: p
                name: P
                version: 1.0.0
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                """;

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThat(refusal(ManifestFormat.PLUGIN_YAML, bomb).rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE));
    }

    @Test
    void refuses_yaml_that_does_not_parse_or_is_not_a_mapping() {
        assertThat(refusal(ManifestFormat.PLUGIN_YAML, "id: [unclosed").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
        assertThat(refusal(ManifestFormat.PLUGIN_YAML, "- a\n- b\n").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
        assertThat(refusal(ManifestFormat.PLUGIN_YAML, "id: a\nid: b\n").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
        assertThat(refusal(ManifestFormat.PLUGIN_YAML, "id: a\n---\nid: b\n").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
    }

    @Test
    void reads_a_jar_manifest_with_continuation_lines() {
        PluginManifest manifest = parse(ManifestFormat.JAR_MANIFEST, "Manifest-Version: 1.0\n"
                + "Plugin-Id: hello-plugin\n"
                + "Plugin-Version: 1.0.0\n"
                + "Plugin-Description: A rather long description that the jar tool wrapped at seventy-two\n"
                + "  bytes onto the next line\n"
                + "plugin-class: org.example.HelloPlugin\n"
                + "Plugin-Requires: 2.0.0\n"
                + "Plugin-License: Apache-2.0\n"
                + "Plugin-Dependencies: a@>=1.0, b?, c?@1.x | 3.x,\n"
                + "Plugin-Color: blue\n");

        assertThat(manifest.description()).contains("A rather long description that the jar tool wrapped at seventy-two bytes onto the next line");
        assertThat(manifest.entryPoint()).contains("org.example.HelloPlugin");
        assertThat(manifest.hostVersionRequirement()).contains(">=2.0.0");
        assertThat(manifest.license()).contains("Apache-2.0");
        assertThat(manifest.pluginDependencies()).containsExactly(
                new PluginDependency("a", ">=1.0", false),
                new PluginDependency("b", "*", true),
                new PluginDependency("c", "1.x || 3.x", true));
        assertThat(manifest.extra()).containsEntry("Plugin-Color", "blue");
    }

    @Test
    void reads_plugin_properties() {
        PluginManifest manifest = parse(ManifestFormat.PLUGIN_PROPERTIES, """
                plugin.id=greeting
                plugin.version=0.1.0
                plugin.provider=Zoë
                plugin.class=org.example.Greeting
                plugin.dependencies=
                """);

        assertThat(manifest.id()).isEqualTo("greeting");
        assertThat(manifest.author()).contains("Zoë");
        assertThat(manifest.runtime()).contains("java");
        assertThat(manifest.pluginDependencies()).isEmpty();
    }

    @Test
    void reads_latin1_properties_too() {
        byte[] latin1 = "plugin.id=p\nplugin.version=1.0.0\nplugin.provider=Zo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(ManifestParser.parse(ManifestFormat.PLUGIN_PROPERTIES, latin1).author()).contains("Zoë");
    }

    @Test
    void tells_whether_a_descriptor_declares_a_plugin() {
        assertThat(ManifestParser.declaresPlugin(ManifestFormat.JAR_MANIFEST, "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(ManifestParser.declaresPlugin(ManifestFormat.JAR_MANIFEST, "Plugin-Id: x\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ManifestParser.declaresPlugin(ManifestFormat.PLUGIN_PROPERTIES, "a=b\n".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(ManifestParser.declaresPlugin(ManifestFormat.PLUGIN_JSON, new byte[0])).isTrue();
    }

    @Test
    void refuses_a_malformed_jar_manifest() {
        assertThat(refusal(ManifestFormat.JAR_MANIFEST, " continues nothing\nPlugin-Id: x\n").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
        assertThat(refusal(ManifestFormat.JAR_MANIFEST, "Plugin-Id: x\nno colon here\n").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
    }

    @Test
    void refuses_a_manifest_over_its_size_limit() {
        byte[] big = ("{\"id\": \"p\", \"name\": \"p\", \"version\": \"1.0.0\", \"x\": \"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ManifestParser.parse(ManifestFormat.PLUGIN_JSON, big, 1000));

        assertThat(((dev.plughub.core.PackageException) thrown).rule()).isEqualTo(PackageRules.MANIFEST_TOO_LARGE);
    }
}
