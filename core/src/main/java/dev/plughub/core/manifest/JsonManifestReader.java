package dev.plughub.core.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.util.Map;

/** Reads plugin.json into its fields; syntax errors are {@code MANIFEST_UNREADABLE}. */
final class JsonManifestReader {

    private JsonManifestReader() {
    }

    static Map<String, Object> read(String text, int maxBytes) {
        String fileName = ManifestFormat.PLUGIN_JSON.fileName();
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(JsonTreeReader.constraints(maxBytes)).build();
        try (JsonParser parser = factory.createParser(text)) {
            return JsonTreeReader.readObject(parser, fileName);
        } catch (JacksonException e) {
            throw ManifestText.unreadable(fileName, "it is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw ManifestText.unreadable(fileName, "it is not valid JSON", e);
        }
    }
}
