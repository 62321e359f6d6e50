package dev.plughub.host.observability;

import java.util.List;
import java.util.Optional;

/**
 * One page of a plugin's log, newest first.
 *
 * @param entries    at most the query's limit
 * @param total      how many records held now match the filters (all pages)
 * @param nextCursor pass to {@link LogQuery#withCursor} for the next page; empty on the last page
 * @param offset     how many matching records, newer than this page's, come before it
 */
public record LogPage(List<LogEntry> entries, int total, Optional<String> nextCursor, int offset) {

    public LogPage {
        entries = List.copyOf(entries);
    }

    public boolean hasNext() {
        return nextCursor.isPresent();
    }

    /**
     * The page number this page has with pages of {@code limit} records (from 1): the page of its first
     * record, as {@code page} pagination would count it now.
     */
    public int pageNumber(int limit) {
        return offset / limit + 1;
    }
}
