package dev.plughub.host.search;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A search of the host's registries. The registry's list API filters by text, category and one tag
 * and sorts; the host filters the rest ({@link #filtersLocally()}): further tags, author, minimum rating.
 *
 * @param tags      tags a plugin must all carry (any case), as the registry's {@code tag} filter does
 * @param author    the author's name, any case
 * @param minRating the least average rating, {@value #MIN_RATING} to {@value #MAX_RATING}
 * @param ascending the direction; empty leaves the sort's own default (names A→Z, numbers highest first)
 * @param page      from 1
 * @param perPage   1 to {@value #MAX_PER_PAGE}
 */
public record PluginSearch(Optional<String> text, Optional<String> category, List<String> tags,
                           Optional<String> author, Optional<Double> minRating, Optional<SearchSort> sort,
                           Optional<Boolean> ascending, int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 100;
    public static final double MIN_RATING = 0;
    public static final double MAX_RATING = 5;

    public PluginSearch {
        text = text.filter(t -> !t.isBlank());
        category = category.filter(c -> !c.isBlank());
        author = author.filter(a -> !a.isBlank());
        tags = tags.stream().map(String::strip).filter(t -> !t.isEmpty()).map(t -> t.toLowerCase(Locale.ROOT))
                .distinct().toList();
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1, not " + page);
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("per_page must be between 1 and " + MAX_PER_PAGE + ", not " + perPage);
        }
        if (minRating.isPresent() && (minRating.get() < MIN_RATING || minRating.get() > MAX_RATING)) {
            throw new IllegalArgumentException("min_rating must be between 0 and 5, not " + minRating.get());
        }
    }

    /** Everything matching {@code text}, the first {@value #DEFAULT_PER_PAGE}. */
    public static PluginSearch of(String text) {
        return new PluginSearch(Optional.ofNullable(text), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1, DEFAULT_PER_PAGE);
    }

    public PluginSearch withPerPage(int value) {
        return new PluginSearch(text, category, tags, author, minRating, sort, ascending, page, value);
    }

    /** How many matches come before this page. */
    public long offset() {
        return (page - 1L) * perPage;
    }

    /** The tag the registry filters by; the host checks the others. */
    public Optional<String> registryTag() {
        return tags.stream().findFirst();
    }

    /** Whether some filter is the host's to apply, so the registry's totals do not count matches. */
    public boolean filtersLocally() {
        return tags.size() > 1 || author.isPresent() || minRating.isPresent();
    }

    /** The query fields the host filters by, as named in the API. */
    public List<String> localFields() {
        return Stream.of(tags.size() > 1 ? "tags" : null, author.isPresent() ? "author" : null,
                minRating.isPresent() ? "min_rating" : null).filter(Objects::nonNull).toList();
    }

    /** The host's filters; the registry's (text, category, first tag) are assumed applied. */
    public boolean matches(FoundPlugin plugin) {
        List<String> carried = plugin.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        return carried.containsAll(tags)
                && author.map(a -> a.strip().equalsIgnoreCase(plugin.author().strip())).orElse(true)
                && minRating.map(min -> plugin.rating() >= min).orElse(true);
    }
}
