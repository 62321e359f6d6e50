package dev.plughub.registry.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.catalog.CatalogStore.PluginRows;
import dev.plughub.registry.catalog.CatalogStore.Viewer;
import dev.plughub.registry.http.PageRequest;
import dev.plughub.registry.storage.Database;
import dev.plughub.registry.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever a user types into search, the FTS5 query runs: it may find nothing, but never fails. */
class SearchQuerySafetyTest {

    private static Database db;
    private static CatalogStore store;

    @BeforeContainer
    static void open() throws IOException {
        Path dir = Files.createTempDirectory("search-safety");
        db = TestDatabases.open(dir);
        store = new CatalogStore(db);
        db.write().useHandle(h -> {
            for (String[] p : List.of(
                    new String[] {"system_monitor", "System Monitor", "CPU and memory, in real time", "system\nmonitoring"},
                    new String[] {"cafe-tools", "Café tools", "c++ and node.js helpers; NEAR the \"edge\"", "café"})) {
                h.createUpdate("""
                                INSERT INTO plugins (plugin_id, name, description, tags, created_at, updated_at)
                                VALUES (:id, :name, :description, :tags, 0, 0)""")
                        .bind("id", p[0]).bind("name", p[1]).bind("description", p[2]).bind("tags", p[3]).execute();
            }
        });
    }

    @AfterContainer
    static void close() {
        db.close();
    }

    @Property(tries = 400)
    void any_search_text_runs(@ForAll("searchTexts") String text) {
        ListQuery query = ListQuery.of(new ListQuery.Raw(text, "search", List.of(), null, null, null, new PageRequest(1, 20)));
        PluginRows rows = store.list(query, Viewer.ANONYMOUS);
        assertThat(rows.total()).isBetween(0L, 2L);
    }

    /** NUL reaches the database in the typo-tolerant look-up; PostgreSQL refused it (found by the property above). */
    @Example
    void a_search_text_with_nul_characters_runs() {
        for (String text : List.of("\u0000", "sys\u0000tem", "\u0000 monitor \u0000")) {
            ListQuery query = ListQuery.of(new ListQuery.Raw(text, "search", List.of(), null, null, null, new PageRequest(1, 20)));
            assertThat(store.list(query, Viewer.ANONYMOUS).total()).as("%s", text.replace("\u0000", "\\0")).isBetween(0L, 2L);
        }
    }

    @Property(tries = 50)
    void every_sort_and_order_runs(@ForAll("searchTexts") String text, @ForAll ListSort sort, @ForAll boolean ascending) {
        ListQuery query = new ListQuery(Optional.of(text).filter(t -> !t.isBlank()), List.of(), Optional.empty(), sort,
                ascending, new PageRequest(1, 5));
        assertThat(store.list(query, Viewer.ANONYMOUS).rows()).hasSizeLessThanOrEqualTo(2);
    }

    @Provide
    Arbitrary<String> searchTexts() {
        Arbitrary<String> hostile = Arbitraries.of("'; DROP TABLE plugins; --", "\"unbalanced", "NEAR(", "*", "c++",
                "AND", "OR", "NOT", "java AND", "-java", ":", "nosuchcol:java", "a\"b", "(java", "java)", "+java",
                "^java", "node.js", "e-mail", "monit", "café", "cafe", "\u0000", "NEAR(java pool)", "\"\"", "''");
        Arbitrary<String> words = Arbitraries.strings().withChars("abc\"'*:()-+^.;, \t\u00e9\u6f22").ofMaxLength(40);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(SearchQuery.MAX_LENGTH);
        return Arbitraries.oneOf(hostile, words, anything);
    }
}
