package dev.plughub.registry.catalog;

import dev.plughub.registry.storage.Dialect;
import java.util.Locale;
import java.util.Optional;

/**
 * How the catalogue's full-text search is written on each database: SQLite's FTS5 table
 * {@code plugins_fts}, or PostgreSQL's generated {@code plugins.search} tsvector (V2__catalog.sql in
 * each folder). Both take the user's text through {@link SearchQuery}, so operators are plain words,
 * words are ANDed and the last one matches as a prefix; both weight id > name > tags > description.
 * PostgreSQL also tolerates typos: when the words match nothing, ids and names similar to the text
 * (pg_trgm's {@code %}, over the trigram indexes of V2__catalog.sql) are answered instead.
 */
enum TextSearch {
    FTS5(" JOIN plugins_fts ON plugins_fts.rowid = p.id", " AND plugins_fts MATCH :match",
            "bm25(plugins_fts, 10.0, 8.0, 2.0, 4.0)", true),
    /** ts_rank's weights are listed D, C, B, A: description 0.2, tags 0.4, name 0.8, id 1.0, as FTS5's 2, 4, 8, 10. */
    TSVECTOR("", " AND p.search @@ to_tsquery('plughub_search', :match)",
            "ts_rank('{0.2, 0.4, 0.8, 1.0}', p.search, to_tsquery('plughub_search', :match))", false);

    private final String join;
    private final String condition;
    private final String score;
    private final boolean lowerIsBetter;

    TextSearch(String join, String condition, String score, boolean lowerIsBetter) {
        this.join = join;
        this.condition = condition;
        this.score = score;
        this.lowerIsBetter = lowerIsBetter;
    }

    static TextSearch of(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? TSVECTOR : FTS5;
    }

    /** The value bound to {@code :match}, or empty when the text holds no word to search for. */
    Optional<String> match(String text) {
        return this == FTS5 ? SearchQuery.toMatch(text) : SearchQuery.toTsQuery(text);
    }

    /** Joined to {@code plugins p} (nothing when the index is a column of plugins). */
    String join() {
        return join;
    }

    /** ANDed to the WHERE clause. */
    String condition() {
        return condition;
    }

    /** The ORDER BY term for relevance, best matches first unless {@code bestFirst} is false. */
    String relevance(boolean bestFirst) {
        return score + (bestFirst == lowerIsBetter ? " ASC" : " DESC");
    }

    /** Whether a search whose words match nothing is retried as a look-up of similar ids and names. */
    boolean toleratesTypos() {
        return this == TSVECTOR;
    }

    /** The typo-tolerant condition, ANDed to the WHERE clause; binds {@code :text} (see {@link #similarText}). */
    static String similarCondition() {
        return " AND (p.plugin_id % :text OR p.name % :text)";
    }

    /** The ORDER BY term for a typo-tolerant look-up: the most similar first unless {@code bestFirst} is false. */
    static String similarity(boolean bestFirst) {
        return "greatest(similarity(p.plugin_id, :text), similarity(p.name, :text))" + (bestFirst ? " DESC" : " ASC");
    }

    /**
     * The user's text as compared for similarity: trimmed, lower case, at most 100 characters, with
     * NUL characters as spaces (PostgreSQL text cannot hold them, and no name contains one).
     */
    static String similarText(String text) {
        String trimmed = text.replace('\u0000', ' ').strip().toLowerCase(Locale.ROOT);
        return trimmed.length() > 100 ? trimmed.substring(0, 100) : trimmed;
    }
}
