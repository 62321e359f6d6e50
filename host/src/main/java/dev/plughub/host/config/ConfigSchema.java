package dev.plughub.host.config;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A plugin's configuration JSON Schema (draft 2020-12 unless it names another {@code $schema}),
 * with Plughub's extensions: a property is secret when it has {@code "writeOnly": true},
 * {@code "format": "password"} or {@code "x-secret": true}, and changing it needs a restart when it
 * (or an enclosing object) has {@code "x-restart-required": true}. Seed 002's shorthand (a bare map
 * of field → {@code {type, default, min, max, secret, required}}) is read as the equivalent schema.
 */
public final class ConfigSchema {

    /** What secrets look like wherever configuration leaves the host. */
    public static final String HIDDEN = "***hidden***";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Draft 2020-12, knowing Plughub's extension keywords (they only annotate, never fail a value). */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getDraft202012())
                    .keyword(new NonValidationKeyword("x-secret"))
                    .keyword(new NonValidationKeyword("x-restart-required"))
                    .build());
    private static final ConfigSchema EMPTY = new ConfigSchema(Map.of(), Optional.empty());
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    /** Draft 2020-12's own schema (bundled with the validator: nothing is fetched). */
    private static final Schema META_SCHEMA = SCHEMAS.getSchema(SchemaLocation.of(DRAFT_2020_12));

    private final Map<String, Object> json;
    private final Optional<Schema> validator;   // empty: the plugin declared no schema, any object goes
    private final SchemaTree tree;

    private ConfigSchema(Map<String, Object> json, Optional<Schema> validator) {
        this.json = json;
        this.validator = validator;
        this.tree = new SchemaTree(json);
    }

    /**
     * Reads a schema; an empty map accepts any object.
     *
     * @throws IllegalArgumentException when the map is not a usable JSON Schema
     */
    public static ConfigSchema of(Map<String, Object> jsonSchema) {
        if (jsonSchema.isEmpty()) {
            return EMPTY;
        }
        Map<String, Object> normalized = SeedSchemaForm.normalize(jsonSchema);
        try {
            JsonNode node = JSON.valueToTree(normalized);
            if (!node.has("$schema") || DRAFT_2020_12.equals(node.path("$schema").asText())) {
                List<Error> broken = META_SCHEMA.validate(node);   // "type": "nonsense" would refuse every value
                if (!broken.isEmpty()) {
                    throw new IllegalArgumentException(broken.stream().limit(3)
                            .map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList().toString());
                }
            }
            Schema schema = SCHEMAS.getSchema(node);
            schema.initializeValidators();   // surfaces a broken schema now, not at the first validate
            return new ConfigSchema(normalized, Optional.of(schema));
        } catch (SchemaException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the configuration schema is not a valid JSON Schema: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses (with an {@link IllegalArgumentException} saying why) a schema whose secrets could not
     * all be hidden; checked when a package is installed.
     */
    public static void requireHideableSecrets(Map<String, Object> jsonSchema) {
        SchemaTree.requireHideableSecrets(SeedSchemaForm.normalize(jsonSchema));
    }

    public static ConfigSchema empty() {
        return EMPTY;
    }

    /** The schema as JSON (after reading seed 002's shorthand), for showing to operators. */
    public Map<String, Object> asMap() {
        return json;
    }

    /** Applies the schema's defaults to {@code values}, then checks the result. */
    public ConfigCheck validate(Map<String, Object> values) {
        Map<String, Object> withDefaults = tree.withDefaults(values);
        if (validator.isEmpty()) {
            return new ConfigCheck.Valid(withDefaults);
        }
        JsonNode instance = JSON.valueToTree(withDefaults);
        List<Error> errors = validator.get().validate(instance);
        if (errors.isEmpty()) {
            return new ConfigCheck.Valid(withDefaults);
        }
        Map<String, String> byField = new TreeMap<>();
        for (Error error : errors) {
            FieldError field = FieldError.of(error);
            byField.merge(field.path(), field.sentence(), (first, next) -> first + "; " + next);
        }
        return new ConfigCheck.Invalid(byField);
    }

    /** {@code values} with the schema's defaults filled in, without checking anything else. */
    Map<String, Object> withDefaults(Map<String, Object> values) {
        return tree.withDefaults(values);
    }

    /** JSON paths of the secret properties ({@code "api_key"}, {@code "db.password"}). */
    public Set<String> secretFields() {
        return tree.secretPaths();
    }

    /** Whether changing {@code field} (a JSON path) only takes effect after a restart. */
    public boolean restartRequired(String field) {
        return tree.restartRequired(field);
    }

    /** A copy of {@code values} with every secret that has a value shown as {@link #HIDDEN}. */
    public Map<String, Object> masked(Map<String, Object> values) {
        Map<String, Object> copy = ConfigValues.deepCopy(values);
        for (String path : secretFields()) {
            ConfigValues.replaceIfPresent(copy, path, HIDDEN);
        }
        return copy;
    }

    @Override
    public String toString() {
        return "ConfigSchema" + new TreeSet<>(json.keySet());
    }
}
