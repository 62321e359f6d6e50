package dev.plughub.client;

import java.util.Optional;

/**
 * A plugin list request: free text, page (from 1), page size, sort field and order, tag and category
 * filters. Empty values leave the registry's defaults in place.
 */
public record SearchQuery(
        Optional<String> text,
        int page,
        int limit,
        Optional<String> sort,
        Optional<String> order,
        Optional<String> tag,
        Optional<String> category) {

    public static final int DEFAULT_LIMIT = 20;

    public static SearchQuery all() {
        return new SearchQuery(Optional.empty(), 1, DEFAULT_LIMIT, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public static SearchQuery of(String text) {
        return all().withText(text);
    }

    public SearchQuery withText(String text) {
        return new SearchQuery(blankToEmpty(text), page, limit, sort, order, tag, category);
    }

    public SearchQuery withPage(int page) {
        return new SearchQuery(text, page, limit, sort, order, tag, category);
    }

    public SearchQuery withLimit(int limit) {
        return new SearchQuery(text, page, limit, sort, order, tag, category);
    }

    public SearchQuery withSort(String sort) {
        return new SearchQuery(text, page, limit, blankToEmpty(sort), order, tag, category);
    }

    public SearchQuery withOrder(String order) {
        return new SearchQuery(text, page, limit, sort, blankToEmpty(order), tag, category);
    }

    public SearchQuery withTag(String tag) {
        return new SearchQuery(text, page, limit, sort, order, blankToEmpty(tag), category);
    }

    public SearchQuery withCategory(String category) {
        return new SearchQuery(text, page, limit, sort, order, tag, blankToEmpty(category));
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
