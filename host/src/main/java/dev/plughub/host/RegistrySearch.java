package dev.plughub.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.client.PluginPage;
import dev.plughub.client.PluginSummary;
import dev.plughub.client.PlughubClient;
import dev.plughub.client.PlughubClientException;
import dev.plughub.client.RegistryException;
import dev.plughub.client.SearchQuery;
import dev.plughub.host.install.RegistrySource;
import dev.plughub.host.install.RegistryStatus;
import dev.plughub.host.install.RemotePlugin;
import dev.plughub.host.search.FoundPlugin;
import dev.plughub.host.search.PluginSearch;
import dev.plughub.host.search.SearchResults;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Searches the configured registries through the Java client, as one list: the first registries'
 * plugins first. Each registry's client is made on first search and kept, with its connections,
 * until this closes.
 *
 * <p>Without host-side filters a page costs one or two registry requests and the registry's own
 * totals add up. With them ({@link PluginSearch#filtersLocally()}) the host reads every plugin the
 * registry matches, at most {@value #MAX_SCANNED} per registry, so that the total is exact.
 */
final class RegistrySearch implements AutoCloseable {

    /** The registry list API's largest page. */
    private static final int REGISTRY_PAGE = 100;
    /** The most plugins of one registry the host reads to apply its own filters. */
    static final int MAX_SCANNED = 2_000;

    private final List<URI> registries;
    private final Clock clock;
    private final Map<URI, PlughubClient> clients = new ConcurrentHashMap<>();
    /** When each registry last answered a search or a count. */
    private final Map<URI, Instant> lastAnswers = new ConcurrentHashMap<>();

    RegistrySearch(List<URI> registries, Clock clock) {
        this.registries = List.copyOf(registries);
        this.clock = clock;
    }

    @Override
    public void close() {
        clients.values().forEach(PlughubClient::close);
    }

    List<RegistrySource> sources() {
        return registries.stream()
                .map(url -> new RegistrySource(url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : ""), url, true))
                .toList();
    }

    /** Each registry asked once, now, how many plugins it lists; one that does not answer says why. */
    List<RegistryStatus> statuses() {
        return sources().stream().map(source -> {
            try {
                long count = client(source.url()).search(SearchQuery.all().withLimit(1)).pagination().total();
                Instant now = clock.instant();
                lastAnswers.put(source.url(), now);
                return new RegistryStatus(source, OptionalLong.of(count), Optional.of(now), Optional.<String>empty());
            } catch (PlughubClientException e) {
                return new RegistryStatus(source, OptionalLong.empty(), Optional.ofNullable(lastAnswers.get(source.url())),
                        Optional.of(e.getMessage()));
            }
        }).toList();
    }

    /** The first {@code limit} plugins matching {@code query} (the library's plain search). */
    List<RemotePlugin> search(String query, int limit) {
        if (limit < 1 || limit > PluginSearch.MAX_PER_PAGE) {
            String message = "limit must be between 1 and " + PluginSearch.MAX_PER_PAGE + ", not " + limit;
            throw new HostException(HostError.VALIDATION_ERROR, message, Map.of("limit", List.of(message)));
        }
        return search(PluginSearch.of(query).withPerPage(limit)).plugins().stream()
                .map(p -> new RemotePlugin(p.id(), p.name(), p.version(), p.description(), p.author(), p.tags(),
                        p.downloads(), p.rating(), p.registry()))
                .toList();
    }

    SearchResults search(PluginSearch search) {
        List<FoundPlugin> page = new ArrayList<>();
        long before = 0;   // matches in the registries already read
        for (URI registry : registries) {
            long from = Math.max(0, search.offset() - before);
            int wanted = search.perPage() - page.size();
            Matches matches = search.filtersLocally()
                    ? scan(registry, search, from, wanted)
                    : slice(registry, search, from, wanted);
            page.addAll(matches.window());
            before += matches.total();
        }
        return new SearchResults(page, before, search.offset() + page.size() < before);
    }

    /** What one registry contributes: its matches in the asked window, and how many it has in all. */
    private record Matches(List<FoundPlugin> window, long total) {
    }

    /** The registry's matches {@code from} (0-based) on, at most {@code wanted}; its total is the registry's. */
    private Matches slice(URI registry, PluginSearch search, long from, int wanted) {
        if (wanted == 0) {
            return new Matches(List.of(), fetch(registry, search, 1, 1).pagination().total());
        }
        if (from % wanted == 0) {
            PluginPage page = fetch(registry, search, Math.toIntExact(from / wanted + 1), wanted);
            return new Matches(found(page, registry), page.pagination().total());
        }
        // The window straddles pages of its own size: read the one or two registry pages that hold it.
        List<FoundPlugin> window = new ArrayList<>();
        int number = Math.toIntExact(from / REGISTRY_PAGE + 1);
        PluginPage page = fetch(registry, search, number, REGISTRY_PAGE);
        List<FoundPlugin> first = found(page, registry);
        int skip = (int) (from % REGISTRY_PAGE);
        window.addAll(first.subList(Math.min(skip, first.size()), Math.min(skip + wanted, first.size())));
        if (window.size() < wanted && (long) number * REGISTRY_PAGE < page.pagination().total()) {
            List<FoundPlugin> second = found(fetch(registry, search, number + 1, REGISTRY_PAGE), registry);
            window.addAll(second.subList(0, Math.min(wanted - window.size(), second.size())));
        }
        return new Matches(window, page.pagination().total());
    }

    /** Reads every plugin the registry matches, applies the host's filters, and counts. */
    private Matches scan(URI registry, PluginSearch search, long from, int wanted) {
        List<FoundPlugin> window = new ArrayList<>();
        long matched = 0;
        for (int number = 1; ; number++) {
            PluginPage page = fetch(registry, search, number, REGISTRY_PAGE);
            long total = page.pagination().total();
            if (total > MAX_SCANNED) {
                throw tooManyToFilter(registry, search, total);
            }
            for (FoundPlugin plugin : found(page, registry)) {
                if (search.matches(plugin)) {
                    if (matched >= from && window.size() < wanted) {
                        window.add(plugin);
                    }
                    matched++;
                }
            }
            if (page.plugins().isEmpty() || (long) number * REGISTRY_PAGE >= total) {
                return new Matches(window, matched);
            }
        }
    }

    private PluginPage fetch(URI registry, PluginSearch search, int page, int limit) {
        SearchQuery query = SearchQuery.all().withPage(page).withLimit(limit);
        query = search.text().map(query::withText).orElse(query);
        query = search.category().map(query::withCategory).orElse(query);
        query = search.registryTag().map(query::withTag).orElse(query);
        query = search.sort().map(s -> s.registryName()).map(query::withSort).orElse(query);
        query = search.ascending().map(up -> up ? "asc" : "desc").map(query::withOrder).orElse(query);
        try {
            PluginPage answer = client(registry).search(query);
            lastAnswers.put(registry, clock.instant());
            return answer;
        } catch (RegistryException e) {
            if (e.status() == 422) {
                throw new HostException(HostError.VALIDATION_ERROR, "the registry " + registry + " refused the search: "
                        + e.getMessage(), registryFieldErrors(e.details()), e);
            }
            throw failed(registry, e);
        } catch (PlughubClientException e) {
            throw failed(registry, e);
        }
    }

    private PlughubClient client(URI registry) {
        return clients.computeIfAbsent(registry, url -> PlughubClient.create(url.toString()));
    }

    private static HostException failed(URI registry, PlughubClientException e) {
        return new HostException(HostError.PLUGIN_INSTALLATION_FAILED, "searching the registry " + registry
                + " failed: " + e.getMessage(), Map.of("registry", registry.toString()), e);
    }

    /** The registry's {@code {"field": ["message"]}}, with its {@code search} field under this API's name, {@code query}. */
    private static Map<String, Object> registryFieldErrors(JsonNode details) {
        Map<String, Object> errors = new LinkedHashMap<>();
        details.fields().forEachRemaining(field -> {
            List<String> messages = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(m -> messages.add(m.asText()));
            } else {
                messages.add(field.getValue().asText());
            }
            errors.put(field.getKey().equals("search") ? "query" : field.getKey(), messages);
        });
        return errors.isEmpty() ? Map.of("query", List.of("was refused by the registry")) : errors;
    }

    private static HostException tooManyToFilter(URI registry, PluginSearch search, long total) {
        String message = "is filtered by the host over at most " + MAX_SCANNED + " registry results, and "
                + registry + " has " + total + " for this search; narrow it with query, category or a tag";
        Map<String, Object> details = new LinkedHashMap<>();
        search.localFields().forEach(field -> details.put(field, List.of(message)));
        return new HostException(HostError.VALIDATION_ERROR, String.join(", ", search.localFields()) + " " + message,
                details);
    }

    private static List<FoundPlugin> found(PluginPage page, URI registry) {
        return page.plugins().stream().map(p -> found(p, registry)).toList();
    }

    private static FoundPlugin found(PluginSummary plugin, URI registry) {
        JsonNode raw = plugin.raw();
        return new FoundPlugin(plugin.id(), plugin.name(), plugin.currentVersion().orElse(""), plugin.description(),
                plugin.author().orElse(""), text(raw, "category"), plugin.tags(), plugin.rating(), plugin.downloads(),
                text(raw, "updated_at").flatMap(RegistrySearch::instant), text(raw, "min_host_version"), registry);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
