package dev.plughub.registry.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RatingSummaryTest {

    @Test
    void no_ratings_average_zero_and_smooth_to_the_prior_mean() {
        RatingSummary s = RatingSummary.of(Map.of());
        assertThat(s.count()).isZero();
        assertThat(s.average()).isZero();
        assertThat(s.smoothed()).isEqualTo(RatingSummary.PRIOR_MEAN);
        assertThat(s.distribution()).containsExactly(Map.entry("5", 0L), Map.entry("4", 0L), Map.entry("3", 0L),
                Map.entry("2", 0L), Map.entry("1", 0L));
    }

    @Test
    void one_five_star_rating_smooths_below_hundreds_of_four_point_eights() {
        RatingSummary one = RatingSummary.of(Map.of(5, 1L));
        RatingSummary many = RatingSummary.of(Map.of(5, 240L, 4, 60L)); // 4.8 average over 300
        assertThat(one.average()).isEqualTo(5.0);
        assertThat(many.average()).isEqualTo(4.8);
        assertThat(one.smoothed()).isEqualTo((10 * 3.0 + 5) / 11);
        assertThat(many.smoothed()).isGreaterThan(one.smoothed()).isLessThan(many.average());
    }

    @Test
    void the_average_is_rounded_to_two_decimals() {
        assertThat(RatingSummary.of(Map.of(5, 1L, 4, 2L)).average()).isEqualTo(4.33);
        assertThat(RatingSummary.of(Map.of(5, 2L, 4, 1L)).average()).isEqualTo(4.67);
    }
}
