package dev.plughub.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for people: aligned columns, numbers on the right, and the last column cut
 * (with "…") so that every line fits the terminal's width.
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
            widths[i] = columns(headers.get(i));
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], columns(row[i]));
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
            String cell = fit(cells[i], widths[i]);
            int pad = widths[i] - columns(cell);
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

    /** {@code text} in at most {@code width} columns, cut with "…" when it needs more. */
    static String fit(String text, int width) {
        if (columns(text) <= width) {
            return text;
        }
        if (width <= 1) {
            return width == 1 ? "…" : "";
        }
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            if (used + columns(cp) > width - 1) {
                break;
            }
            used += columns(cp);
            end += Character.charCount(cp);
        }
        return text.substring(0, end).stripTrailing() + "…";
    }

    /**
     * The columns {@code text} takes on a terminal: two for the wide characters of Chinese, Japanese
     * and Korean scripts, fullwidth forms and emoji, none for combining marks, one for the rest.
     */
    static int columns(String text) {
        return text.codePoints().map(Table::columns).sum();
    }

    private static int columns(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
        return wide ? 2 : 1;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }
}
