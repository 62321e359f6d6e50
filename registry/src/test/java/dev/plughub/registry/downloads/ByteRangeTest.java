package dev.plughub.registry.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plughub.registry.downloads.ByteRange.Part;
import dev.plughub.registry.downloads.ByteRange.Unsatisfiable;
import dev.plughub.registry.downloads.ByteRange.Whole;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static final long SIZE = 1000;

    @Test
    void no_header_means_the_whole_file() {
        assertThat(ByteRange.of(null, SIZE)).isEqualTo(new Whole());
    }

    @Test
    void a_closed_range_is_served_as_asked() {
        assertThat(ByteRange.of("bytes=100-199", SIZE)).isEqualTo(new Part(100, 199));
        assertThat(ByteRange.of("bytes=0-0", SIZE)).isEqualTo(new Part(0, 0));
        assertThat(ByteRange.of(" Bytes = 5 - 9 ", SIZE)).isEqualTo(new Part(5, 9));
    }

    @Test
    void an_open_range_runs_to_the_end() {
        assertThat(ByteRange.of("bytes=100-", SIZE)).isEqualTo(new Part(100, 999));
    }

    @Test
    void a_suffix_range_takes_the_last_bytes() {
        assertThat(ByteRange.of("bytes=-100", SIZE)).isEqualTo(new Part(900, 999));
        assertThat(ByteRange.of("bytes=-5000", SIZE)).isEqualTo(new Part(0, 999));
    }

    @Test
    void an_end_past_the_file_is_cut_to_the_last_byte() {
        assertThat(ByteRange.of("bytes=990-5000", SIZE)).isEqualTo(new Part(990, 999));
        assertThat(ByteRange.of("bytes=990-99999999999999999999999", SIZE)).isEqualTo(new Part(990, 999));
    }

    @Test
    void a_range_that_starts_past_the_end_cannot_be_satisfied() {
        assertThat(ByteRange.of("bytes=1000-", SIZE)).isEqualTo(new Unsatisfiable());
        assertThat(ByteRange.of("bytes=5000-6000", SIZE)).isEqualTo(new Unsatisfiable());
        assertThat(ByteRange.of("bytes=-0", SIZE)).isEqualTo(new Unsatisfiable());
        assertThat(ByteRange.of("bytes=99999999999999999999999-", SIZE)).isEqualTo(new Unsatisfiable());
        assertThat(ByteRange.of("bytes=0-", 0)).isEqualTo(new Unsatisfiable());
    }

    @Test
    void several_ranges_get_the_whole_file_unless_only_one_is_satisfiable() {
        assertThat(ByteRange.of("bytes=0-9,20-29", SIZE)).isEqualTo(new Whole());
        assertThat(ByteRange.of("bytes=0-9, 5000-6000", SIZE)).isEqualTo(new Part(0, 9));
        assertThat(ByteRange.of("bytes=5000-, 6000-", SIZE)).isEqualTo(new Unsatisfiable());
    }

    @Test
    void a_malformed_header_or_another_unit_is_ignored() {
        assertThat(ByteRange.of("bytes=abc", SIZE)).isEqualTo(new Whole());
        assertThat(ByteRange.of("bytes=9-1", SIZE)).isEqualTo(new Whole());
        assertThat(ByteRange.of("bytes=", SIZE)).isEqualTo(new Whole());
        assertThat(ByteRange.of("bytes=1-2,", SIZE)).isEqualTo(new Whole());
        assertThat(ByteRange.of("bytes=-", SIZE)).isEqualTo(new Whole());
        assertThat(ByteRange.of("bytes=+1-2", SIZE)).isEqualTo(new Whole());
        assertThat(ByteRange.of("items=0-5", SIZE)).isEqualTo(new Whole());
        assertThat(ByteRange.of("0-5", SIZE)).isEqualTo(new Whole());
    }

    @Test
    void a_part_knows_its_length() {
        assertThat(new Part(100, 199).length()).isEqualTo(100);
    }
}
