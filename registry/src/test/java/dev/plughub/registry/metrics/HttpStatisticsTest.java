package dev.plughub.registry.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpStatisticsTest {

    @Test
    void counts_answers_by_class_past_what_an_int_holds() {
        HttpStatistics statistics = new HttpStatistics();
        statistics.count(204, 3_000_000_000L);
        statistics.count(200, 2_000_000_000L);
        statistics.count(404, 1);
        statistics.count(503, 2);

        assertThat(statistics.answers(2)).isEqualTo(5_000_000_000L);
        assertThat(statistics.answers(4)).isEqualTo(1);
        assertThat(statistics.answers(5)).isEqualTo(2);
        assertThat(statistics.answers(1)).isZero();
        assertThat(statistics.answers()).isEqualTo(5_000_000_003L);
    }

    @Test
    void a_status_outside_the_five_classes_is_in_none() {
        HttpStatistics statistics = new HttpStatistics();
        statistics.count(99, 1);
        statistics.count(600, 1);
        statistics.count(0, 1);

        assertThat(statistics.answers()).isZero();
    }
}
