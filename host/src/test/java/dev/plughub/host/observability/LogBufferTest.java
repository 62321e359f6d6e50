package dev.plughub.host.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.registry.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    static final Instant START = Instant.parse("2024-01-01T12:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final LogBuffer logs = new LogBuffer(100, clock);
    final System.Logger logger = logs.loggerFor("analytics");

    @Test
    void keeps_records_newest_first_with_level_time_and_error() {
        logger.log(System.Logger.Level.INFO, "Plugin initialized successfully");
        clock.advance(Duration.ofSeconds(1));
        logger.log(System.Logger.Level.ERROR, "flush failed", new IllegalStateException("disk full"));
        logger.log(System.Logger.Level.WARNING, "batch {0} took {1} ms", 7, 250);

        List<LogEntry> entries = logs.query("analytics", LogQuery.all()).entries();

        assertThat(entries).extracting(LogEntry::message)
                .containsExactly("batch 7 took 250 ms", "flush failed", "Plugin initialized successfully");
        assertThat(entries.get(1).level()).isEqualTo(LogLevel.ERROR);
        assertThat(entries.get(1).error()).isEqualTo("java.lang.IllegalStateException: disk full");
        assertThat(entries.get(2).timestamp()).isEqualTo(START);
        assertThat(entries.get(0).sequence()).isGreaterThan(entries.get(1).sequence());
    }

    @Test
    void is_bounded_and_drops_the_oldest() {
        for (int i = 0; i < 250; i++) {
            logger.log(System.Logger.Level.INFO, "line " + i);
        }

        LogPage page = logs.query("analytics", LogQuery.all().withLimit(500));

        assertThat(page.total()).isEqualTo(100);
        assertThat(page.entries().get(0).message()).isEqualTo("line 249");
        assertThat(page.entries().get(99).message()).isEqualTo("line 150");
    }

    @Test
    void filters_by_minimum_level_time_window_and_text() {
        logger.log(System.Logger.Level.DEBUG, "Loading configuration from file");
        clock.advance(Duration.ofMinutes(1));
        logger.log(System.Logger.Level.INFO, "Processing analytics batch");
        clock.advance(Duration.ofMinutes(1));
        logger.log(System.Logger.Level.WARNING, "Slow analytics response");
        clock.advance(Duration.ofMinutes(1));
        logger.log(System.Logger.Level.ERROR, "connection lost", new RuntimeException("Analytics endpoint gone"));

        assertThat(messages(LogQuery.all().withMinLevel(LogLevel.WARNING)))
                .containsExactly("connection lost", "Slow analytics response");
        assertThat(messages(LogQuery.all().withSince(START.plus(Duration.ofMinutes(1)))
                .withUntil(START.plus(Duration.ofMinutes(3)))))
                .containsExactly("Slow analytics response", "Processing analytics batch");
        assertThat(messages(LogQuery.all().withText("ANALYTICS")))
                .containsExactly("connection lost", "Slow analytics response", "Processing analytics batch");
        assertThat(messages(LogQuery.all().withText("analytics").withMinLevel(LogLevel.INFO).withUntil(
                START.plus(Duration.ofMinutes(2))))).containsExactly("Processing analytics batch");
    }

    @Test
    void cursor_pages_cover_every_match_once_even_while_records_arrive() {
        Random random = new Random(7);
        for (int round = 0; round < 30; round++) {
            LogBuffer buffer = new LogBuffer(1_000, clock);
            System.Logger log = buffer.loggerFor("p");
            int n = random.nextInt(900);
            List<LogLevel> written = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                System.Logger.Level level = randomLevel(random);
                log.log(level, "entry " + i);
                written.add(LogLevel.of(level));
            }
            LogQuery query = LogQuery.all().withMinLevel(randomLogLevel(random)).withLimit(1 + random.nextInt(60));
            List<Long> expected = new ArrayList<>();   // the oracle: sequence i + 1 is the i-th record
            for (int i = n - 1; i >= 0; i--) {
                if (written.get(i).atLeast(query.minLevel())) {
                    expected.add(i + 1L);
                }
            }

            List<Long> seen = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            int pages = 0;
            do {
                LogPage page = buffer.query("p", cursor.map(query::withCursor).orElse(query));
                page.entries().forEach(e -> seen.add(e.sequence()));
                cursor = page.nextCursor();
                log.log(System.Logger.Level.ERROR, "arrived while paging");   // newer: must not appear
                assertThat(++pages).isLessThan(1_000);
            } while (cursor.isPresent());

            assertThat(seen).as("no entry twice").doesNotHaveDuplicates();
            assertThat(seen).as("none skipped, newest first").isEqualTo(expected);
        }
    }

    @Test
    void offset_pages_split_the_matches_without_gaps() {
        for (int i = 0; i < 25; i++) {
            logger.log(System.Logger.Level.INFO, "line " + i);
        }
        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset < 25; offset += 10) {
            LogPage page = logs.query("analytics", LogQuery.all().withLimit(10).withOffset(offset));
            page.entries().forEach(e -> assertThat(seen.add(e.message())).isTrue());
            assertThat(page.total()).isEqualTo(25);
            assertThat(page.hasNext()).isEqualTo(offset + 10 < 25);
        }
        assertThat(seen).hasSize(25);
    }

    @Test
    void refuses_a_limit_above_1000_and_a_cursor_it_never_gave() {
        assertThatThrownBy(() -> LogQuery.all().withLimit(1001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 1000, not 1001");
        assertThatThrownBy(() -> logs.query("analytics", LogQuery.all().withCursor("abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor 'abc'");
    }

    @Test
    void plugins_have_separate_logs_and_a_removed_one_is_empty() {
        logger.log(System.Logger.Level.INFO, "mine");
        logs.loggerFor("other").log(System.Logger.Level.INFO, "theirs");

        logs.remove("other");

        assertThat(messages(LogQuery.all())).containsExactly("mine");
        assertThat(logs.query("other", LogQuery.all()).entries()).isEmpty();
    }

    @Test
    void a_broken_format_string_is_kept_as_written() {
        logger.log(System.Logger.Level.INFO, "unbalanced {0", 1);

        assertThat(messages(LogQuery.all())).containsExactly("unbalanced {0 [1]");
    }

    List<String> messages(LogQuery query) {
        return logs.query("analytics", query).entries().stream().map(LogEntry::message).toList();
    }

    static System.Logger.Level randomLevel(Random random) {
        System.Logger.Level[] levels = {System.Logger.Level.DEBUG, System.Logger.Level.INFO,
                System.Logger.Level.WARNING, System.Logger.Level.ERROR};
        return levels[random.nextInt(levels.length)];
    }

    static LogLevel randomLogLevel(Random random) {
        return LogLevel.values()[random.nextInt(LogLevel.values().length)];
    }
}
