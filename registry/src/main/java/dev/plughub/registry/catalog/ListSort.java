package dev.plughub.registry.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The orders a plugin list can be sorted in, with the SQL each one sorts by. */
public enum ListSort {
    DOWNLOADS("p.downloads", false, false),
    /** By the smoothed (Bayesian) rating, so one 5-star rating does not outrank hundreds of 4.8s (RatingSummary). */
    RATING("p.rating_smoothed", false, false),
    CREATED_AT("p.created_at", false, false),
    UPDATED_AT("p.updated_at", false, false),
    NAME("p.name COLLATE NOCASE", true, false),
    /** Only with a search; "desc" (the default) is best match first, and bm25 is lower for better matches. */
    RELEVANCE("bm25(plugins_fts, 10.0, 8.0, 2.0, 4.0)", false, true);

    /** The allowed values, for error messages. */
    public static final String ALLOWED = Arrays.stream(values()).map(ListSort::apiName).collect(Collectors.joining(", "));

    private final String sql;
    private final boolean ascendingByDefault;
    private final boolean lowerIsHigher;

    ListSort(String sql, boolean ascendingByDefault, boolean lowerIsHigher) {
        this.sql = sql;
        this.ascendingByDefault = ascendingByDefault;
        this.lowerIsHigher = lowerIsHigher;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String sql() {
        return sql;
    }

    /** The SQL ORDER BY term for the API's direction ("asc" = lowest first, as the client sees the values). */
    String orderBy(boolean ascending) {
        return sql + (ascending != lowerIsHigher ? " ASC" : " DESC");
    }

    boolean ascendingByDefault() {
        return ascendingByDefault;
    }

    public static Optional<ListSort> fromApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName().equals(name.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
