package dev.plughub.cli;

import dev.plughub.client.PageInfo;
import dev.plughub.client.PluginPage;
import dev.plughub.client.PluginSummary;
import dev.plughub.client.SearchQuery;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plughub search [TEXT]}: finds plugins. */
@Command(name = "search", description = "Search the registry's plugins (all of them without TEXT).")
final class SearchCommand extends ClientCommand {

    @Parameters(paramLabel = "TEXT", arity = "0..1", description = "Words to look for in ids, names, descriptions and tags.")
    String text;

    @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page to show, from 1 (default ${DEFAULT-VALUE}).")
    int page;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Plugins per page, at most 100 (default ${DEFAULT-VALUE}).")
    int limit;

    /** What the registry sorts by (its ListSort), in any case. */
    private static final List<String> SORTS = List.of("downloads", "rating", "created_at", "updated_at", "name", "relevance");

    @Option(names = "--sort", paramLabel = "FIELD",
            description = "downloads, rating, created_at, updated_at, name or relevance (default: relevance when searching, else downloads).")
    String sort;

    @Option(names = "--order", paramLabel = "ORDER", description = "asc or desc.")
    String order;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only plugins with this tag.")
    String tag;

    @Option(names = "--category", paramLabel = "NAME", description = "Only plugins in this category.")
    String category;

    @Override
    public Integer call() {
        if (page < 1) {
            throw new CliException(ExitCodes.USAGE, "--page must be 1 or more, not " + page);
        }
        if (limit < 1 || limit > 100) {
            throw new CliException(ExitCodes.USAGE, "--limit must be from 1 to 100, not " + limit);
        }
        if (sort != null && !SORTS.contains(sort.strip().toLowerCase(Locale.ROOT))) {
            throw new CliException(ExitCodes.USAGE, "--sort must be one of " + String.join(", ", SORTS) + ", not '" + sort + "'");
        }
        if (order != null && !List.of("asc", "desc").contains(order.strip().toLowerCase(Locale.ROOT))) {
            throw new CliException(ExitCodes.USAGE, "--order must be asc or desc, not '" + order + "'");
        }
        SearchQuery query = SearchQuery.of(text).withPage(page).withLimit(limit).withSort(sort).withOrder(order)
                .withTag(tag).withCategory(category);
        PluginPage result = options.reader(env()).search(query);
        if (options.json) {
            printJson(result.raw());
            return ExitCodes.OK;
        }
        if (result.plugins().isEmpty()) {
            say(text == null ? "No plugins on page " + page + "." : "No plugins match '" + text + "'.");
            return ExitCodes.OK;
        }
        Table table = new Table(List.of("ID", "VERSION", "DOWNLOADS", "RATING", "DESCRIPTION"),
                List.of(Table.Align.LEFT, Table.Align.LEFT, Table.Align.RIGHT, Table.Align.RIGHT, Table.Align.LEFT));
        for (PluginSummary p : result.plugins()) {
            table.row(p.id(), p.currentVersion().orElse("-"), Format.count(p.downloads()),
                    Format.rating(p.rating(), p.ratingCount()), p.description().isBlank() ? p.name() : p.description());
        }
        table.print(out(), env().terminal().columns());
        PageInfo pages = result.pagination();
        say(pages.total() + (pages.total() == 1 ? " plugin" : " plugins")
                + (pages.pages() > 1 ? " (page " + pages.page() + " of " + pages.pages() + ")" : ""));
        return ExitCodes.OK;
    }
}
