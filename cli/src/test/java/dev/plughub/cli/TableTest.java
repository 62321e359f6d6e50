package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    private static String render(Table table, int width) {
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out, true), width);
        return out.toString();
    }

    @Test
    void aligns_columns_and_cuts_the_last_one_to_the_width() {
        Table table = new Table(List.of("ID", "DOWNLOADS", "DESCRIPTION"),
                List.of(Table.Align.LEFT, Table.Align.RIGHT, Table.Align.LEFT))
                .row("a", "5", "short")
                .row("longer-id", "1,234", "a description far too long to fit in the forty columns given");

        List<String> lines = render(table, 40).lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
        assertThat(lines.get(0)).isEqualTo("ID         DOWNLOADS  DESCRIPTION");
        assertThat(lines.get(1)).isEqualTo("a                  5  short");
        assertThat(lines.get(2)).startsWith("longer-id      1,234  a description").endsWith("…");
    }

    @Test
    void counts_the_two_columns_of_each_wide_character_and_cuts_between_characters() {
        Table table = new Table(List.of("NAME", "DESCRIPTION"), List.of(Table.Align.LEFT, Table.Align.LEFT))
                .row("系统监控", "一个用于监控系统资源使用情况的插件，支持实时显示和历史记录")
                .row("ascii", "plain");

        List<String> lines = render(table, 30).lines().toList();

        assertThat(lines).allSatisfy(line -> assertThat(TerminalText.columns(line)).as(line).isLessThanOrEqualTo(30));
        assertThat(lines.get(0)).isEqualTo("NAME      DESCRIPTION");   // 系统监控 is eight columns wide
        assertThat(lines.get(1)).startsWith("系统监控  一个用于").endsWith("…");
        assertThat(lines.get(2)).isEqualTo("ascii     plain");
        assertThat(TerminalText.columns("e\u0301")).as("e and a combining accent").isEqualTo(1);
        assertThat(TerminalText.fit("监控系统", 4)).isEqualTo("监…");
    }

    @Test
    void counts_emoji_as_two_columns_so_rows_with_them_stay_aligned() {
        Table table = new Table(List.of("NAME", "STATUS"), List.of(Table.Align.LEFT, Table.Align.LEFT))
                .row("🚀 rocket", "✅ ok")
                .row("plain", "❤️ loved")
                .row("x", "-");

        List<String> lines = render(table, 80).lines().toList();

        assertThat(lines).containsExactly(
                "NAME       STATUS",
                "🚀 rocket  ✅ ok",
                "plain      ❤️ loved",
                "x          -");
        assertThat(TerminalText.columns("🚀")).isEqualTo(2);
        assertThat(TerminalText.columns("✅")).isEqualTo(2);
        assertThat(TerminalText.columns("❤️")).as("a text symbol with the emoji variation selector").isEqualTo(2);
        assertThat(TerminalText.columns("❤")).as("the same symbol bare").isEqualTo(1);
        assertThat(TerminalText.fit("🚀🚀🚀", 4)).isEqualTo("🚀…");
    }

    @Test
    void keeps_each_row_on_one_line_whatever_the_text_holds() {
        Table table = new Table(List.of("ID", "DESCRIPTION"), List.of(Table.Align.LEFT, Table.Align.LEFT))
                .row("x", "two\nlines\tand a tab")
                .row("y", "\u001b[2Jclear\u009b and \u202eflip");

        assertThat(render(table, 80).lines())
                .containsExactly("ID  DESCRIPTION", "x   two lines and a tab", "y   \uFFFD[2Jclear\uFFFD and \uFFFDflip");
    }
}
