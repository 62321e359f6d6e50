package dev.plughub.core;

import java.util.List;
import java.util.Map;

/**
 * The one error the core readers throw for bad input: a package, an archive entry or a manifest that
 * breaks a rule. {@link #rule()} is a stable upper-snake-case name of the rule (for example
 * {@code ENTRY_NAME_UNSAFE}, {@code MANIFEST_MISSING}); {@link #fieldErrors()} lists, for manifest
 * validation, the messages per manifest field (empty otherwise).
 */
public class PackageException extends RuntimeException {

    private final String rule;
    private final Map<String, List<String>> fieldErrors;

    public PackageException(String rule, String message) {
        this(rule, message, Map.of(), null);
    }

    public PackageException(String rule, String message, Map<String, List<String>> fieldErrors) {
        this(rule, message, fieldErrors, null);
    }

    public PackageException(String rule, String message, Map<String, List<String>> fieldErrors, Throwable cause) {
        super(message, cause);
        this.rule = rule;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public String rule() {
        return rule;
    }

    public Map<String, List<String>> fieldErrors() {
        return fieldErrors;
    }
}
