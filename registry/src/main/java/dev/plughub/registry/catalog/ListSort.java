package dev.plughub.registry.catalog;

import dev.plughub.registry.storage.Dialect;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The orders a plugin list can be sorted in, with the SQL each one sorts by. */
public enum ListSort {
    DOWNLOADS("p.downloads", false),
    /** By the smoothed (Bayesian) rating, so one 5-star rating does not outrank hundreds of 4.8s (RatingSummary). */
    RATING("p.rating_smoothed", false),
    CREATED_AT("p.created_at", false),
    UPDATED_AT("p.updated_at", false),
    /** Ignoring ASCII case ({@link Dialect#foldCase}). */
    NAME("p.name", true),
    /** Only with a search; "desc" (the default) is best match first ({@link TextSearch#relevance}). */
    RELEVANCE("", false);

    /** The allowed values, for error messages. */
    public static final String ALLOWED = Arrays.stream(values()).map(ListSort::apiName).collect(Collectors.joining(", "));

    private final String sql;
    private final boolean ascendingByDefault;

    ListSort(String sql, boolean ascendingByDefault) {
        this.sql = sql;
        this.ascendingByDefault = ascendingByDefault;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The SQL ORDER BY term for the API's direction ("asc" = lowest first, as the client sees the values). */
    String orderBy(Dialect dialect, boolean ascending) {
        return switch (this) {
            case RELEVANCE -> TextSearch.of(dialect).relevance(!ascending);
            case NAME -> dialect.foldCase(sql) + (ascending ? " ASC" : " DESC");
            default -> sql + (ascending ? " ASC" : " DESC");
        };
    }

    boolean ascendingByDefault() {
        return ascendingByDefault;
    }

    /**
     * The order a name asks for: an API name, or one of the words other registries' clients send
     * ({@code recent} and {@code updated} for {@code updated_at}, as MockForge's seed 003 client
     * does; {@code created} and {@code newest} for {@code created_at}).
     */
    public static Optional<ListSort> fromApiName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "recent", "updated" -> Optional.of(UPDATED_AT);
            case "created", "newest" -> Optional.of(CREATED_AT);
            default -> Arrays.stream(values()).filter(s -> s.apiName().equals(wanted)).findFirst();
        };
    }
}
