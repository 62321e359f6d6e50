package dev.plughub.core.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds plain Java values (maps, lists, strings, Long/BigInteger, Double, Boolean, null) from a
 * JSON or YAML token stream, refusing what a manifest never needs and an attacker might use:
 * duplicate keys (two parsers could disagree on which wins), YAML aliases (expansion bombs), deep
 * nesting and more than one document.
 */
final class JsonTreeReader {

    static final int MAX_DEPTH = 64;

    /** The limits handed to Jackson itself, so it stops before building anything large. */
    static StreamReadConstraints constraints(int maxBytes) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(Math.max(maxBytes, 1))
                .maxNumberLength(100)
                .maxNameLength(Math.max(maxBytes, 1))
                .maxDocumentLength(Math.max(maxBytes, 1))
                .build();
    }

    private final JsonParser parser;
    private final String fileName;

    private JsonTreeReader(JsonParser parser, String fileName) {
        this.parser = parser;
        this.fileName = fileName;
    }

    /** The one top-level object of the document. */
    static Map<String, Object> readObject(JsonParser parser, String fileName) throws IOException {
        JsonTreeReader reader = new JsonTreeReader(parser, fileName);
        if (parser.nextToken() == null) {
            throw ManifestText.unreadable(fileName, "it is empty");
        }
        Object root = reader.value(0);
        if (parser.nextToken() != null) {
            throw ManifestText.unreadable(fileName, "it holds more than one document");
        }
        if (!(root instanceof Map<?, ?>)) {
            throw ManifestText.unreadable(fileName, "it must hold an object, not " + JsonTypes.describe(root));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) root;
        return object;
    }

    private Object value(int depth) throws IOException {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw ManifestText.unreadable(fileName, "YAML aliases (*name) are not supported" + where());
        }
        JsonToken token = parser.currentToken();
        if (depth > MAX_DEPTH && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
            throw ManifestText.unreadable(fileName, "it is nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (token) {
            case START_OBJECT -> object(depth);
            case START_ARRAY -> array(depth);
            case VALUE_STRING -> wellFormed(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> finite(parser.getDoubleValue());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw ManifestText.unreadable(fileName, "it holds an unsupported value" + where());
        };
    }

    private Map<String, Object> object(int depth) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                throw ManifestText.unreadable(fileName, "an object is malformed" + where());
            }
            String key = wellFormed(parser.currentName());
            parser.nextToken();
            if (object.containsKey(key)) {
                throw ManifestText.unreadable(fileName, "the key '" + ManifestValidator.shown(key) + "' appears twice" + where());
            }
            object.put(key, value(depth + 1));
        }
        return object;
    }

    private List<Object> array(int depth) throws IOException {
        List<Object> array = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw ManifestText.unreadable(fileName, "a list is not closed");
            }
            array.add(value(depth + 1));
        }
        return array;
    }

    /** YAML's .inf and .nan (and 1e400) have no JSON form, so the canonical manifest could not hold them. */
    private double finite(double value) {
        if (!Double.isFinite(value)) {
            throw ManifestText.unreadable(fileName, "it holds a number that is not finite" + where());
        }
        return value;
    }

    /** JSON escapes can spell half a surrogate pair, which is no Unicode text and cannot be written back as UTF-8. */
    private String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ManifestText.unreadable(fileName, "it holds an unpaired UTF-16 surrogate" + where());
            }
        }
        return text;
    }

    private String where() {
        var location = parser.currentLocation();
        return location == null || location.getLineNr() < 0 ? "" : " (line " + location.getLineNr() + ")";
    }
}
