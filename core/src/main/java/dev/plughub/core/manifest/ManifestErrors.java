package dev.plughub.core.manifest;

import dev.plughub.core.PackageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Collects every violation of a manifest (field → messages) so the author sees them all at once. */
final class ManifestErrors {

    static final String RULE = dev.plughub.core.PackageRules.MANIFEST_INVALID;
    /** Enough to show what is wrong without letting a hostile manifest build a huge error. */
    private static final int MAX_MESSAGES = 50;

    private final Map<String, List<String>> messages = new LinkedHashMap<>();
    private int count;

    void add(String field, String message) {
        if (count++ >= MAX_MESSAGES) {
            return;
        }
        messages.computeIfAbsent(field, key -> new ArrayList<>()).add(message);
    }

    boolean has(String field) {
        return messages.containsKey(field);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    void throwIfAny() {
        if (messages.isEmpty()) {
            return;
        }
        String summary = messages.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + String.join(", ", entry.getValue()))
                .collect(Collectors.joining("; "));
        Map<String, List<String>> fieldErrors = new LinkedHashMap<>();
        messages.forEach((field, list) -> fieldErrors.put(field, List.copyOf(list)));
        throw new PackageException(RULE, "The manifest is invalid: " + summary, fieldErrors);
    }
}
