package dev.plughub.host.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The orders a registry search can be sorted in: seed 002's names ({@code updated} for the last
 * update), the registry list API's ({@code updated_at}, {@code created_at}, {@code relevance}) and
 * the other words the registry takes for the time orders ({@code recent}, {@code newest}).
 */
public enum SearchSort {
    NAME("name"),
    RATING("rating"),
    DOWNLOADS("downloads"),
    UPDATED_AT("updated_at", "updated", "recent"),
    CREATED_AT("created_at", "created", "newest"),
    /** Best match first; only meaningful with search text (the registry sorts by downloads without one). */
    RELEVANCE("relevance");

    /** The accepted names, for error messages. */
    public static final String ALLOWED = Arrays.stream(values())
            .flatMap(s -> s.names.stream()).collect(Collectors.joining(", "));

    private final List<String> names;

    SearchSort(String... names) {
        this.names = List.of(names);
    }

    /** The name the registry's list API takes ({@code sort=updated_at}). */
    public String registryName() {
        return names.get(0);
    }

    public static Optional<SearchSort> parse(String text) {
        String name = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.names.contains(name)).findFirst();
    }
}
