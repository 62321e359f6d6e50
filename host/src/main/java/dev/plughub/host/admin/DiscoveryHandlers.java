package dev.plughub.host.admin;

import static dev.plughub.host.admin.AdminJson.answer;
import static dev.plughub.host.admin.AdminJson.object;

import dev.plughub.host.install.RemotePlugin;
import io.javalin.http.Context;
import java.util.List;

/** The registries the host installs from, and searching them. */
final class DiscoveryHandlers {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final HostReference host;

    DiscoveryHandlers(HostReference host) {
        this.host = host;
    }

    void repositories(Context ctx) {
        answer(ctx, 200, object("data", object("repositories", host.get().repositories().stream()
                .map(r -> object("name", r.name(), "url", r.url().toString(), "enabled", r.enabled()))
                .toList())));
    }

    /** Seed 002's search by {@code query} (or {@code q}) across the configured registries, at most {@code limit}. */
    void search(Context ctx) {
        RequestFields query = RequestFields.of(Queries.of(ctx));
        String text = query.string("query").or(() -> query.string("q")).orElse("");
        int limit = query.integer("limit", 1, MAX_LIMIT).or(() -> query.integer("per_page", 1, MAX_LIMIT)).orElse(DEFAULT_LIMIT);
        query.check();
        List<RemotePlugin> found = host.get().search(text, limit);
        answer(ctx, 200, object("data", object(
                "plugins", found.stream().map(p -> object(
                        "id", p.id(),
                        "name", p.name(),
                        "version", p.version(),
                        "description", p.description(),
                        "author", p.author(),
                        "tags", p.tags(),
                        "rating", p.rating(),
                        "downloads", p.downloads(),
                        "repository_url", p.registry().toString())).toList(),
                "pagination", object(
                        "page", 1,
                        "per_page", limit,
                        "total", found.size(),
                        // search answers at most limit: a full page means there may be more
                        "has_next", found.size() == limit))));
    }
}
