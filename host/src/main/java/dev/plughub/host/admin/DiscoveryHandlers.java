package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.answer;
import static dev.plughub.host.admin.AdminJson.iso;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.host.search.FoundPlugin;
import dev.plughub.host.search.PluginSearch;
import dev.plughub.host.search.SearchResults;
import dev.plughub.host.search.SearchSort;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The registries the host installs from, and searching them. */
final class DiscoveryHandlers {

    private final HostReference host;

    DiscoveryHandlers(HostReference host) {
        this.host = host;
    }

    /**
     * Seed 002's repositories: each registry asked now for its plugin count; one that does not
     * answer has a null count, the time it last answered, and why (in {@code error}).
     */
    void repositories(Context ctx) {
        answer(ctx, 200, object("data", object("repositories", host.get().repositoryStatuses().stream()
                .map(r -> object(
                        "name", r.source().name(),
                        "url", r.source().url().toString(),
                        "enabled", r.source().enabled(),
                        "plugin_count", r.pluginCount().isPresent() ? r.pluginCount().getAsLong() : null,
                        "last_sync", iso(r.lastSync()),
                        "error", r.error().orElse(null)))
                .toList())));
    }

    /**
     * Seed 002's search across the configured registries: {@code query} (or {@code q}), {@code category},
     * {@code author}, {@code tags} (repeated or comma-separated; {@code tag} too), {@code min_rating},
     * {@code sort}, {@code order}, {@code page} and {@code per_page} (or {@code limit}).
     */
    void search(Context ctx) {
        PluginSearch search = SearchParameters.read(ctx);
        SearchResults results = host.get().search(search);
        answer(ctx, 200, object("data", object(
                "plugins", results.plugins().stream().map(DiscoveryHandlers::plugin).toList(),
                "pagination", object(
                        "page", search.page(),
                        "per_page", search.perPage(),
                        "total", results.total(),
                        "has_next", results.hasNext()))));
    }

    private static Map<String, Object> plugin(FoundPlugin p) {
        return object(
                "id", p.id(),
                "name", p.name(),
                "version", p.version(),
                "description", p.description(),
                "author", p.author(),
                "category", p.category().orElse(null),
                "tags", p.tags(),
                "rating", p.rating(),
                "downloads", p.downloads(),
                "last_updated", p.lastUpdated().map(AdminJson::iso).orElse(null),
                "compatibility", p.hostVersion().map(range -> object("host_version", range)).orElse(null),
                "repository_url", p.registry().toString());
    }

    /** The search's query parameters, each checked; one 422 names every bad one. */
    private static final class SearchParameters {

        private SearchParameters() {
        }

        static PluginSearch read(Context ctx) {
            RequestFields query = RequestFields.of(Queries.of(ctx));
            Optional<String> text = query.string("query").or(() -> query.string("q"));
            Optional<String> category = query.string("category");
            Optional<String> author = query.string("author");
            Optional<Double> minRating = query.number("min_rating", PluginSearch.MIN_RATING, PluginSearch.MAX_RATING);
            Optional<SearchSort> sort = query.string("sort").filter(s -> !s.isBlank()).flatMap(s -> {
                Optional<SearchSort> known = SearchSort.parse(s);
                if (known.isEmpty()) {
                    query.reject("sort", "must be one of " + SearchSort.ALLOWED + ", not '" + s + "'");
                }
                return known;
            });
            Optional<Boolean> ascending = query.string("order").filter(o -> !o.isBlank()).flatMap(o -> {
                switch (o.strip().toLowerCase(Locale.ROOT)) {
                    case "asc":
                        return Optional.of(true);
                    case "desc":
                        return Optional.of(false);
                    default:
                        query.reject("order", "must be asc or desc, not '" + o + "'");
                        return Optional.empty();
                }
            });
            int page = query.integer("page", 1, 1_000_000).orElse(1);
            int perPage = query.integer("per_page", 1, PluginSearch.MAX_PER_PAGE)
                    .or(() -> query.integer("limit", 1, PluginSearch.MAX_PER_PAGE))
                    .orElse(PluginSearch.DEFAULT_PER_PAGE);
            query.check();
            return new PluginSearch(text, category, tags(ctx), author, minRating, sort, ascending, page, perPage);
        }

        /** {@code tags=a,b}, {@code tags=a&tags=b}, {@code tags[]=a} and {@code tag=a}, all together. */
        private static List<String> tags(Context ctx) {
            return Queries.list(ctx, "tags", "tag");
        }
    }
}
