package dev.plughub.core.manifest;

import static dev.plughub.core.manifest.ManifestAssertions.parse;
import static dev.plughub.core.manifest.ManifestAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PythonManifestTest {

    private static final ManifestFormat PY = ManifestFormat.MANIFEST_PY;

    @Test
    void reads_seed_000s_manifest() {
        PluginManifest manifest = parse(PY, """
                PLUGIN_NAME = "my_plugin"
                PLUGIN_VERSION = "1.0.0"
                PLUGIN_DESCRIPTION = "My awesome plugin"
                PLUGIN_AUTHOR = "Your Name"
                PLUGIN_HOMEPAGE = "https://example.com"
                PLUGIN_LICENSE = "MIT"
                PLUGIN_TAGS = ("network", "scanner")
                PLUGIN_CAPABILITIES = ("exec.my_plugin.action",)
                """);

        assertThat(manifest.id()).isEqualTo("my_plugin");
        assertThat(manifest.name()).isEqualTo("my_plugin");
        assertThat(manifest.description()).contains("My awesome plugin");
        assertThat(manifest.author()).contains("Your Name");
        assertThat(manifest.license()).contains("MIT");
        assertThat(manifest.tags()).containsExactly("network", "scanner");
        assertThat(manifest.capabilities()).containsExactly("exec.my_plugin.action");
        assertThat(manifest.format()).isEqualTo(PY);
    }

    @Test
    void reads_every_python_literal_form() {
        PluginManifest manifest = parse(PY, """
                # -*- coding: utf-8 -*-
                \"\"\"Plugin metadata.\"\"\"
                import os
                from typing import Tuple

                PLUGIN_ID = 'net-scan'
                PLUGIN_NAME = "Network " 'Scanner'  # adjacent strings join
                PLUGIN_VERSION = u"2.0.0-beta.1"
                PLUGIN_DESCRIPTION = \"\"\"Scans networks.
                Second line with a \\"quote\\" and a tab:\\t.\"\"\"
                PLUGIN_AUTHOR = r"C:\\raw"
                PLUGIN_CATEGORY = 'security'
                PLUGIN_TAGS = [
                    "network",   # comment inside brackets
                    'scanner',
                ]
                PLUGIN_DEPENDENCIES = {
                    "plugins": {"base-lib": "^1.2.0", "opt-lib?": "1.x"},
                    "packages": {"scapy": ">=2.5"},
                }
                PLUGIN_PERMISSIONS = "network:raw", "files:read"
                PLUGIN_SCOPES = {"files:write"}
                PLUGIN_CONFIG_SCHEMA = {"type": "object", "properties": {"timeout": {"type": "integer", "default": -30, "maximum": 0x7f}}, "additionalProperties": False, "x": None, "ratio": 1.5e3}
                PLUGIN_REPOSITORY = 'https://github.com/a/net-scan'; OTHER = compute()
                PLUGIN_ICON = 'icon.png'

                def helper():
                    PLUGIN_NAME = "ignored, not top level"
                    return os.getcwd()

                if os.environ.get("X"):
                    PLUGIN_VERSION = get_version()
                x = f"{PLUGIN_NAME}"
                """);

        assertThat(manifest.id()).isEqualTo("net-scan");
        assertThat(manifest.name()).isEqualTo("Network Scanner");
        assertThat(manifest.version()).hasToString("2.0.0-beta.1");
        assertThat(manifest.description()).contains("Scans networks.\nSecond line with a \"quote\" and a tab:\t.");
        assertThat(manifest.author()).contains("C:\\raw");
        assertThat(manifest.tags()).containsExactly("network", "scanner");
        assertThat(manifest.pluginDependencies()).containsExactly(
                new PluginDependency("base-lib", "^1.2.0", false), new PluginDependency("opt-lib", "1.x", true));
        assertThat(manifest.packageDependencies()).containsExactly(Map.entry("scapy", ">=2.5"));
        assertThat(manifest.permissions()).containsExactly("network:raw", "files:read", "files:write");
        assertThat(manifest.configSchema()).hasValueSatisfying(schema -> {
            assertThat(schema).containsEntry("additionalProperties", false).containsEntry("ratio", 1500.0).containsKey("x");
            assertThat(schema.get("properties").toString()).contains("default=-30", "maximum=127");
        });
        assertThat(manifest.repositoryUrl()).contains("https://github.com/a/net-scan");
        assertThat(manifest.extra()).containsOnlyKeys("icon");
    }

    @Test
    void decodes_escapes_like_python() {
        PluginManifest manifest = parse(PY, """
                PLUGIN_NAME = "caf\\xe9 \\u00e9t\\u00e9 \\U0001F680 \\N{SNOWMAN} \\101 \\q"
                PLUGIN_ID = 'p'
                PLUGIN_VERSION = '1.0.0'
                """);

        assertThat(manifest.name()).isEqualTo("café été 🚀 ☃ A \\q");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PLUGIN_VERSION = get_version()",
        "PLUGIN_VERSION = VERSION",
        "PLUGIN_VERSION = f\"{major}.0.0\"",
        "PLUGIN_VERSION = \"1.0\" + \".0\"",
        "PLUGIN_VERSION = b\"1.0.0\"",
        "PLUGIN_VERSION += \"1\"",
        "PLUGIN_VERSION: str = \"1.0.0\"",
        "PLUGIN_VERSION = [x for x in y]",
        "PLUGIN_VERSION = lambda: 1",
        "PLUGIN_VERSION = __import__('os').system('rm -rf /')",
        "PLUGIN_VERSION = 1j",
        "PLUGIN_VERSION = 012",
        "PLUGIN_VERSION =",
    })
    void reports_a_plugin_line_that_is_not_a_literal_naming_the_line(String line) {
        PackageException refusal = refusal(PY, "PLUGIN_NAME = 'p'\n\n" + line + "\n");

        assertThat(refusal.rule()).isEqualTo(PackageRules.MANIFEST_INVALID);
        assertThat(refusal.fieldErrors()).containsKey("version");
        assertThat(refusal.fieldErrors().get("version")).singleElement().asString().startsWith("line 3: PLUGIN_VERSION");
    }

    @Test
    void refuses_source_that_is_not_python() {
        assertThat(refusal(PY, "PLUGIN_NAME = 'unterminated\n").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
        assertThat(refusal(PY, "PLUGIN_TAGS = (\"a\",\n").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
        assertThat(refusal(PY, "x = )\n").rule()).isEqualTo(PackageRules.MANIFEST_UNREADABLE);
    }

    @Test
    void refuses_deep_nesting() {
        PackageException refusal = refusal(PY, "PLUGIN_NAME='p'\nPLUGIN_VERSION='1.0.0'\nPLUGIN_X = " + "[".repeat(5000) + "]".repeat(5000));

        assertThat(refusal.fieldErrors().get("x")).singleElement().asString().contains("nested");
    }

    @Test
    void takes_the_name_as_id_only_when_it_fits_the_id_rule() {
        PackageException refusal = refusal(PY, "PLUGIN_NAME = 'My Plugin'\nPLUGIN_VERSION = '1.0.0'\n");

        assertThat(refusal.fieldErrors()).containsOnlyKeys("id");
    }

    @Test
    void lets_a_later_assignment_win_as_python_would() {
        assertThat(parse(PY, "PLUGIN_NAME='p'\nPLUGIN_VERSION='0.1.0'\nPLUGIN_VERSION='0.2.0'\n").version()).hasToString("0.2.0");
    }
}
