package dev.plughub.core.manifest;

import dev.plughub.core.version.InvalidVersionException;
import dev.plughub.core.version.Version;
import dev.plughub.core.version.VersionRange;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for manifest field values, each defined once. Lengths count Unicode code points, so a
 * name in Chinese or with emoji gets the same room as one in ASCII.
 */
public final class ManifestValidator {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_AUTHOR = 200;
    public static final int MAX_LICENSE = 100;
    public static final int MAX_URL = 2048;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 50;
    public static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} ._+-]*$");
    public static final int MAX_CATEGORY = 50;
    public static final int MAX_RUNTIME = 50;
    public static final int MAX_ENTRY_POINT = 500;
    public static final int MAX_CHANGELOG = 20_000;
    /** Permissions, capabilities, events, actions and dependencies: items per list, and characters per item. */
    public static final int MAX_ITEMS = 200;
    public static final int MAX_ITEM = 200;

    private ManifestValidator() {
    }

    static void id(Optional<String> id, ManifestErrors errors) {
        if (id.isEmpty()) {
            required("id", errors);
        } else if (!PluginId.isValid(id.get())) {
            errors.add("id", "'" + shown(id.get()) + "' is not a valid id: " + PluginId.RULE);
        }
    }

    static void name(Optional<String> name, ManifestErrors errors) {
        if (name.isEmpty()) {
            required("name", errors);
        } else {
            length("name", name, MAX_NAME, errors);
        }
    }

    static Optional<Version> version(Optional<String> text, ManifestErrors errors) {
        if (text.isEmpty()) {
            required("version", errors);
            return Optional.empty();
        }
        try {
            return Optional.of(Version.parse(text.get()));
        } catch (InvalidVersionException e) {
            errors.add("version", e.getMessage());
            return Optional.empty();
        }
    }

    static void length(String field, Optional<String> value, int max, ManifestErrors errors) {
        value.ifPresent(text -> {
            if (text.codePointCount(0, text.length()) > max) {
                errors.add(field, "must be at most " + max + " characters");
            }
        });
    }

    static void url(String field, Optional<String> value, ManifestErrors errors) {
        if (value.isEmpty()) {
            return;
        }
        String text = value.get();
        if (text.length() > MAX_URL) {
            errors.add(field, "must be at most " + MAX_URL + " characters");
            return;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(field, "must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            errors.add(field, "must be an absolute http or https URL");
        }
    }

    static void tags(List<String> tags, ManifestErrors errors) {
        if (tags.size() > MAX_TAGS) {
            errors.add("tags", "at most " + MAX_TAGS + " tags are allowed");
            return;
        }
        for (String tag : tags) {
            int length = tag.codePointCount(0, tag.length());
            if (length < 1 || length > MAX_TAG) {
                errors.add("tags", "'" + shown(tag) + "' must be 1 to " + MAX_TAG + " characters");
            } else if (!TAG.matcher(tag).matches()) {
                errors.add("tags", "'" + shown(tag) + "' must start with a letter or digit and hold only letters, digits, spaces and . _ + -");
            }
        }
    }

    static void items(String field, List<String> items, ManifestErrors errors) {
        if (items.size() > MAX_ITEMS) {
            errors.add(field, "at most " + MAX_ITEMS + " items are allowed");
            return;
        }
        for (String item : items) {
            if (item.isBlank()) {
                errors.add(field, "items must not be blank");
            } else if (item.codePointCount(0, item.length()) > MAX_ITEM) {
                errors.add(field, "'" + shown(item) + "' must be at most " + MAX_ITEM + " characters");
            }
        }
    }

    static void range(String field, String range, ManifestErrors errors) {
        try {
            VersionRange.parse(range);
        } catch (InvalidVersionException e) {
            errors.add(field, e.getMessage());
        }
    }

    static void required(String field, ManifestErrors errors) {
        if (!errors.has(field)) {
            errors.add(field, "is required");
        }
    }

    /** A value as it may be quoted in a message: short, one line. */
    static String shown(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine;
    }
}
