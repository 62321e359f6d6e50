package dev.plughub.core.manifest;

import java.util.regex.Pattern;

/** The rule for plugin ids, defined once: {@code ^[a-z0-9][a-z0-9._-]{0,63}$}. */
public final class PluginId {

    public static final Pattern PATTERN = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    public static final String RULE = "an id is 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit";

    private PluginId() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
