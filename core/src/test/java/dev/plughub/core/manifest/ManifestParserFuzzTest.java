package dev.plughub.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;

/**
 * Fuzzes each manifest parser with Jazzer; only {@link PackageException} may escape. Under
 * {@code mvn verify} the inputs in {@code ManifestParserFuzzTestInputs/<method>/} are replayed.
 */
class ManifestParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void plugin_json(byte[] data) {
        parseOrRefuse(ManifestFormat.PLUGIN_JSON, data);
    }

    @FuzzTest(maxDuration = "30s")
    void plugin_yaml(byte[] data) {
        parseOrRefuse(ManifestFormat.PLUGIN_YAML, data);
    }

    @FuzzTest(maxDuration = "30s")
    void manifest_py(byte[] data) {
        parseOrRefuse(ManifestFormat.MANIFEST_PY, data);
    }

    @FuzzTest(maxDuration = "30s")
    void jar_manifest(byte[] data) {
        parseOrRefuse(ManifestFormat.JAR_MANIFEST, data);
        ManifestParser.declaresPlugin(ManifestFormat.JAR_MANIFEST, data);
    }

    @FuzzTest(maxDuration = "30s")
    void plugin_properties(byte[] data) {
        parseOrRefuse(ManifestFormat.PLUGIN_PROPERTIES, data);
        ManifestParser.declaresPlugin(ManifestFormat.PLUGIN_PROPERTIES, data);
    }

    private static void parseOrRefuse(ManifestFormat format, byte[] data) {
        try {
            PluginManifest manifest = ManifestParser.parse(format, data, 64 * 1024);
            assertThat(ManifestCodec.fromJson(ManifestCodec.toJson(manifest), format)).isEqualTo(manifest);
        } catch (PackageException refused) {
            assertThat(PackageRules.ALL).contains(refused.rule());
        }
    }
}
