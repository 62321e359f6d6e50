package dev.plughub.core.manifest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads plugin.yaml (the same fields as plugin.json). SnakeYAML is bounded so a hostile file cannot
 * make it work hard: code points capped at the manifest size, shallow nesting, few aliases (and
 * {@link JsonTreeReader} refuses aliases outright).
 */
final class YamlManifestReader {

    private YamlManifestReader() {
    }

    static Map<String, Object> read(String text, int maxBytes) {
        String fileName = ManifestFormat.PLUGIN_YAML.fileName();
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(maxBytes, 1));
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(JsonTreeReader.MAX_DEPTH);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(JsonTreeReader.constraints(maxBytes))
                .build();
        try (JsonParser parser = factory.createParser(text)) {
            return JsonTreeReader.readObject(parser, fileName);
        } catch (JacksonException e) {
            throw ManifestText.unreadable(fileName, "it is not valid YAML: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw ManifestText.unreadable(fileName, "it is not valid YAML", e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw ManifestText.unreadable(fileName, "it is not valid YAML: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
