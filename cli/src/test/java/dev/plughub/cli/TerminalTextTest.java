package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void replaces_every_character_a_terminal_would_obey_with_a_visible_mark() {
        String hostile = "E\u001b[2J \u001b]8;;http://attacker.example/\u0007click\u001b]8;;\u0007 \rOVERWRITE"
                + " \u009b31m \u007f \u202egnp.exe \u2066isolated\u2069 \u202a\u202b\u202c\u202d\u2067\u2068";

        String shown = TerminalText.line(hostile);

        assertThat(shown.codePoints().filter(TerminalText::isControl).toArray()).isEmpty();
        assertThat(shown).isEqualTo("E\uFFFD[2J \uFFFD]8;;http://attacker.example/\uFFFDclick\uFFFD]8;;\uFFFD \uFFFDOVERWRITE"
                + " \uFFFD31m \uFFFD \uFFFDgnp.exe \uFFFDisolated\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void keeps_ordinary_text_of_any_script_and_puts_line_breaks_on_one_line() {
        String text = "系统监控 🚀 ✅ café e\u0301 שלום мир";

        assertThat(TerminalText.line(text)).isSameAs(text);
        assertThat(TerminalText.line("two\r\nlines\nand\ta tab\u2028end")).isEqualTo("two lines and a tab end");
        assertThat(TerminalText.line(null)).isEmpty();
    }
}
