package dev.plughub.registry;

import java.util.ArrayList;
import java.util.List;

/** The entries of a comma-separated setting ({@code "a, b,,c "} → a, b, c): trimmed, blanks dropped. */
public final class CommaSeparated {

    private CommaSeparated() {
    }

    public static List<String> entries(String setting) {
        List<String> entries = new ArrayList<>();
        for (String raw : setting.split(",")) {
            String entry = raw.trim();
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
