package dev.plughub.host.observability;

import java.util.List;
import java.util.Optional;

/**
 * One page of a plugin's log, newest first.
 *
 * @param entries    at most the query's limit
 * @param total      how many records held now match the filters (all pages)
 * @param nextCursor pass to {@link LogQuery#withCursor} for the next page; empty on the last page
 */
public record LogPage(List<LogEntry> entries, int total, Optional<String> nextCursor) {

    public LogPage {
        entries = List.copyOf(entries);
    }

    public boolean hasNext() {
        return nextCursor.isPresent();
    }
}
