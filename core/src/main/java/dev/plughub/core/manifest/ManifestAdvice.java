package dev.plughub.core.manifest;

import dev.plughub.core.text.EditDistance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Advice on a manifest that was accepted, for its author: fields it holds that no reader reads, but
 * whose names are a slip away from one that is ({@code permisions}, {@code entrypoint},
 * {@code config_shema}), kept and ignored; and what a Plughub host will refuse when asked to run it
 * (a Java plugin without an entry point, a secret its configuration cannot hide). An author would
 * otherwise find out only when the plugin runs without its permissions, or when a host refuses a
 * version that can no longer be published again; publishing and installing say so at once.
 */
public final class ManifestAdvice {

    /** Every field name a manifest's readers look at, aliases included. */
    static final Set<String> READ_FIELDS = Set.copyOf(Stream.concat(Stream.of("id", "name", "version",
            "description", "author", "license", "homepage_url", "homepage", "repository_url", "repository", "tags",
            "category", "runtime", "entry_point", "dependencies", "permissions", "scopes", "capabilities",
            "config_schema", "configuration", "events", "actions", "changelog"),
            ManifestAssembler.HOST_VERSION_KEYS.stream()).toList());

    /** Names shorter than this are not guessed at: too many real fields are a letter or two from them. */
    private static final int MIN_GUESSED_LENGTH = 4;

    private ManifestAdvice() {
    }

    /** One sentence per unread field that looks like a misspelt read one (in name order), then what a host refuses. */
    public static List<String> warnings(PluginManifest manifest) {
        List<String> warnings = new ArrayList<>();
        for (String field : new TreeSet<>(manifest.extra().keySet())) {
            meant(field).ifPresent(known -> warnings.add("the manifest field '" + field + "' is not one Plughub reads,"
                    + " so it is ignored: did you mean '" + known + "'?"));
        }
        if (manifest.runtime().filter(runtime -> runtime.equalsIgnoreCase("java")).isPresent()
                && manifest.entryPoint().isEmpty()) {
            warnings.add("the manifest says runtime java but names no entry_point (the class implementing"
                    + " dev.plughub.plugin.Plugin): a Plughub host will not install it");
        }
        manifest.configSchema().flatMap(ConfigSecrets::unhideable).ifPresent(where -> warnings.add("config_schema"
                + " marks a secret at " + where + ", where it could not be hidden: a Plughub host will not install it;"
                + " declare secrets only under properties"));
        return warnings;
    }

    /** The read field {@code field} was most likely meant to be, if it is one slip away from one. */
    static Optional<String> meant(String field) {
        if (field.length() < MIN_GUESSED_LENGTH || READ_FIELDS.contains(field)) {
            return Optional.empty();
        }
        String folded = fold(field);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : new TreeSet<>(READ_FIELDS)) {
            int distance = fold(known).equals(folded) ? 0 : EditDistance.between(field.toLowerCase(Locale.ROOT), known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return bestDistance <= 2 ? Optional.of(best) : Optional.empty();
    }

    /** Lower case without separators: {@code entryPoint}, {@code entry-point} and {@code entrypoint} fold alike. */
    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
