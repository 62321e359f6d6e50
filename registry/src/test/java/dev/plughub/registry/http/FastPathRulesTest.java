package dev.plughub.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.config.RoutesConfig;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

/** On the selector thread a fast path may answer only when no rule has to wait on its database. */
class FastPathRulesTest {

    /** A rule that leaves every read alone, and says whether it could tell without its database. */
    private record Rule(boolean inMemory) implements BeforeRule {
        @Override
        public void register(RoutesConfig routes) {
        }

        @Override
        public boolean leavesAlone(PluginRead read, HttpFields headers) {
            return true;
        }

        @Override
        public boolean decidesInMemory() {
            return inMemory;
        }
    }

    private static final PluginRead READ = new PluginRead.Detail("some-plugin");

    @Test
    void rules_that_decide_in_memory_let_the_selector_thread_answer() {
        FastPathRules rules = new FastPathRules(List.of(new Rule(true), new Rule(true)));
        assertThat(rules.allowInMemory(READ, HttpFields.EMPTY)).isTrue();
        assertThat(rules.allow(READ, HttpFields.EMPTY)).isTrue();
    }

    @Test
    void one_rule_that_must_ask_its_database_sends_the_request_to_a_virtual_thread_where_the_fast_path_still_may_answer() {
        FastPathRules rules = new FastPathRules(List.of(new Rule(true), new Rule(false)));
        assertThat(rules.allowInMemory(READ, HttpFields.EMPTY)).isFalse();
        assertThat(rules.allow(READ, HttpFields.EMPTY)).isTrue();
    }
}
