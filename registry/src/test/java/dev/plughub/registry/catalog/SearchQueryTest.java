package dev.plughub.registry.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchQueryTest {

    @Test
    void quotes_every_word_and_matches_the_last_one_as_a_prefix() {
        assertThat(SearchQuery.toMatch("system monit")).hasValue("\"system\" \"monit\"*");
    }

    @Test
    void fts_operators_become_plain_words() {
        assertThat(SearchQuery.toMatch("NEAR(java OR pool)")).hasValue("\"NEAR(java\" \"OR\" \"pool)\"*");
        assertThat(SearchQuery.toMatch("title:x")).hasValue("\"title:x\"*");
    }

    @Test
    void doubles_quotes_inside_a_word() {
        assertThat(SearchQuery.toMatch("a\"b")).hasValue("\"a\"\"b\"*");
        assertThat(SearchQuery.toMatch("\"unbalanced")).hasValue("\"\"\"unbalanced\"*");
    }

    @Test
    void text_without_letters_or_digits_searches_nothing() {
        assertThat(SearchQuery.toMatch("*")).isEmpty();
        assertThat(SearchQuery.toMatch(" - : ( ) ")).isEmpty();
    }

    @Test
    void control_characters_separate_words() {
        assertThat(SearchQuery.toMatch("a\u0000b\tc")).hasValue("\"a\" \"b\" \"c\"*");
    }
}
