package dev.plughub.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for people: aligned columns, numbers on the right, and the last column cut
 * (with "…") so that every line fits the terminal's width, counted in the columns each character
 * takes ({@link TerminalText#columns}). Cells are made safe for a terminal ({@link TerminalText#line}).
 */
final class Table {

    enum Align { LEFT, RIGHT }

    private static final int GAP = 2;
    private static final int MIN_LAST = 10;

    private final List<String> headers;
    private final List<Align> aligns;
    private final List<String[]> rows = new ArrayList<>();

    Table(List<String> headers, List<Align> aligns) {
        this.headers = List.copyOf(headers);
        this.aligns = List.copyOf(aligns);
    }

    Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " cells");
        }
        String[] clean = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            clean[i] = oneLine(cells[i]);
        }
        rows.add(clean);
        return this;
    }

    void print(PrintWriter out, int width) {
        int n = headers.size();
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = TerminalText.columns(headers.get(i));
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], TerminalText.columns(row[i]));
            }
        }
        int fixed = 0;
        for (int i = 0; i < n - 1; i++) {
            fixed += widths[i] + GAP;
        }
        widths[n - 1] = Math.max(Math.min(widths[n - 1], width - fixed), Math.min(widths[n - 1], MIN_LAST));
        out.println(line(headers.toArray(String[]::new), widths));
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
    }

    private String line(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String cell = TerminalText.fit(cells[i], widths[i]);
            int pad = widths[i] - TerminalText.columns(cell);
            if (aligns.get(i) == Align.RIGHT) {
                sb.append(" ".repeat(pad)).append(cell);
            } else {
                sb.append(cell);
                if (!last) {
                    sb.append(" ".repeat(pad));
                }
            }
            if (!last) {
                sb.append(" ".repeat(GAP));
            }
        }
        return sb.toString().stripTrailing();
    }

    /** One line, with no character a terminal would act on ({@link TerminalText#line}) and single spaces. */
    private static String oneLine(String text) {
        return TerminalText.line(text).replaceAll("\\s+", " ").strip();
    }
}
