package dev.plughub.registry.catalog;

import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.PageRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A validated, normalized plugin list request (from {@code GET /api/v1/plugins} or
 * {@code POST /api/v1/plugins/search}); equal requests are equal records, so it is also the key of
 * the list cache.
 *
 * @param search    the user's search text (stripped), when there is any
 * @param tags      tags a plugin must all carry (lower-cased, sorted)
 * @param ascending the direction; for relevance, ascending means worst match first
 */
public record ListQuery(
        Optional<String> search,
        List<String> tags,
        Optional<String> category,
        ListSort sort,
        boolean ascending,
        PageRequest page) {

    /** Relevance needs a search to be relevant to; without one, the list sorts by downloads. */
    public ListQuery {
        tags = List.copyOf(tags);
        if (sort == ListSort.RELEVANCE && search.isEmpty()) {
            sort = ListSort.DOWNLOADS;
        }
    }

    public static final int MAX_TAGS = 20;
    private static final int MAX_FILTER_LENGTH = 100;

    /** The parameters as the client sent them (null when absent), and the name of the search field. */
    public record Raw(String search, String searchField, List<String> tags, String category, String sort, String order,
                      PageRequest page) {
    }

    /** Validates and normalizes; problems are a 422 that names every bad field and the allowed values. */
    public static ListQuery of(Raw raw) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<String> search = Optional.ofNullable(raw.search()).map(String::strip).filter(s -> !s.isEmpty());
        if (search.isPresent() && search.get().length() > SearchQuery.MAX_LENGTH) {
            errors.put(raw.searchField(), List.of("the search text must be at most " + SearchQuery.MAX_LENGTH + " characters"));
        }
        TreeSet<String> tags = new TreeSet<>();
        for (String tag : raw.tags()) {
            if (tag != null && !tag.isBlank()) {
                tags.add(tag.strip().toLowerCase(Locale.ROOT));
            }
        }
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > MAX_FILTER_LENGTH)) {
            errors.put("tags", List.of("at most " + MAX_TAGS + " tags of at most " + MAX_FILTER_LENGTH + " characters"));
        }
        Optional<String> category = Optional.ofNullable(raw.category()).map(String::strip).filter(s -> !s.isEmpty());
        if (category.isPresent() && category.get().length() > MAX_FILTER_LENGTH) {
            errors.put("category", List.of("the category must be at most " + MAX_FILTER_LENGTH + " characters"));
        }
        ListSort sort = search.isPresent() ? ListSort.RELEVANCE : ListSort.DOWNLOADS;
        if (raw.sort() != null && !raw.sort().isBlank()) {
            Optional<ListSort> given = ListSort.fromApiName(raw.sort());
            if (given.isEmpty()) {
                errors.put("sort", List.of("sort must be one of: " + ListSort.ALLOWED));
            } else {
                sort = given.get();
            }
        }
        boolean ascending = sort.ascendingByDefault();
        if (raw.order() != null && !raw.order().isBlank()) {
            switch (raw.order().strip().toLowerCase(Locale.ROOT)) {
                case "asc" -> ascending = true;
                case "desc" -> ascending = false;
                default -> errors.put("order", List.of("order must be one of: asc, desc"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ListQuery(search, List.copyOf(new ArrayList<>(tags)), category, sort, ascending, raw.page());
    }
}
