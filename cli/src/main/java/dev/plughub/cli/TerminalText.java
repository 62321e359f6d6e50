package dev.plughub.cli;

import java.util.Arrays;

/**
 * Text as it may reach a terminal, and how many columns it takes there. Names, descriptions, error
 * sentences and every other text from a registry are shown through {@link #line}: a character that a
 * terminal would obey instead of showing — C0 controls (escape, bell, carriage return…), DEL, C1
 * controls (U+0080–U+009F, among them the one-character CSI U+009B), and the bidirectional embedding,
 * override and isolate controls (U+202A–U+202E, U+2066–U+2069) that reorder what is shown — becomes
 * U+FFFD, visibly. So a publisher cannot clear the screen, hide text, plant a hyperlink or make
 * {@code exe.png} read as {@code png.exe}. Every other character, CJK and emoji included, is kept.
 */
final class TerminalText {

    static final char REPLACEMENT = '\uFFFD';

    private TerminalText() {
    }

    /** Whether a terminal would act on {@code c} rather than show it: the one rule for what is replaced. */
    static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * {@code text} on one line: line breaks and tabs (and the line and paragraph separators) become a
     * space, every other control U+FFFD.
     */
    static String line(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            boolean space = crlf || c == '\n' || c == '\t' || c == '\u2028' || c == '\u2029';
            if (space || isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(space ? ' ' : REPLACEMENT);
                if (crlf) {
                    i++;
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * The columns {@code text} takes on a terminal: two for East Asian wide and fullwidth characters
     * (Chinese, Japanese, Korean) and for emoji shown as pictures (🚀, ✅, and a symbol followed by the
     * emoji variation selector U+FE0F, as in ❤️), none for combining marks and format characters, one
     * for the rest.
     */
    static int columns(String text) {
        int total = 0;
        int previous = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == 0xFE0F && previous == 1) {
                total += 1;   // the symbol before it is drawn as a two-column emoji
            }
            previous = columns(cp);
            total += previous;
            i += Character.charCount(cp);
        }
        return total;
    }

    /** The columns of one code point, on its own. */
    static int columns(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        return isWide(cp) ? 2 : 1;
    }

    /** {@code text} in at most {@code width} columns, cut with "…" when it needs more. */
    static String fit(String text, int width) {
        if (columns(text) <= width) {
            return text;
        }
        if (width <= 1) {
            return width == 1 ? "…" : "";
        }
        int end = 0;
        while (end < text.length()) {
            int next = end + Character.charCount(text.codePointAt(end));
            if (next < text.length() && text.codePointAt(next) == 0xFE0F) {
                next++;   // a symbol and its variation selector stay together
            }
            if (columns(text.substring(0, next)) > width - 1) {
                break;
            }
            end = next;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }

    private static boolean isWide(int cp) {
        if (cp < WIDE[0]) {
            return false;
        }
        int i = Arrays.binarySearch(WIDE, cp);
        // an exact hit is a range's first or last code point; else the insertion point says whether
        // cp falls after a range's start (odd point) or between ranges (even point)
        return i >= 0 || (-i - 1) % 2 == 1;
    }

    /**
     * The code points Unicode's East Asian Width gives W (wide) or F (fullwidth), as first and last of
     * each range: CJK scripts, fullwidth forms, and the emoji whose default presentation is a picture
     * (with the emoji blocks' code points not yet assigned, which are reserved for more of them).
     */
    private static final int[] WIDE = {
            0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
            0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
            0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA,
            0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B,
            0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
            0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x2E80, 0x2E99,
            0x2E9B, 0x2EF3, 0x2F00, 0x2FD5, 0x2FF0, 0x2FFB, 0x3000, 0x3029, 0x302E, 0x303E, 0x3041, 0x3096,
            0x309B, 0x30FF, 0x3105, 0x312F, 0x3131, 0x318E, 0x3190, 0x31E3, 0x31F0, 0x321E, 0x3220, 0x3247,
            0x3250, 0x4DBF, 0x4E00, 0xA48C, 0xA490, 0xA4C6, 0xA960, 0xA97C, 0xAC00, 0xD7A3, 0xF900, 0xFAFF,
            0xFE10, 0xFE19, 0xFE30, 0xFE52, 0xFE54, 0xFE66, 0xFE68, 0xFE6B, 0xFF01, 0xFF60, 0xFFE0, 0xFFE6,
            0x16FE0, 0x16FE3, 0x16FF0, 0x16FF1, 0x17000, 0x187F7, 0x18800, 0x18CD5, 0x18D00, 0x18D08, 0x1AFF0, 0x1AFF3,
            0x1AFF5, 0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1B000, 0x1B122, 0x1B150, 0x1B152, 0x1B164, 0x1B167, 0x1B170, 0x1B2FB,
            0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F200, 0x1F202, 0x1F210, 0x1F23B,
            0x1F240, 0x1F248, 0x1F250, 0x1F251, 0x1F260, 0x1F265, 0x1F300, 0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C,
            0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA, 0x1F3CF, 0x1F3D3, 0x1F3E0, 0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E,
            0x1F440, 0x1F440, 0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D, 0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A,
            0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC, 0x1F6D0, 0x1F6D2,
            0x1F6D5, 0x1F6D7, 0x1F6DC, 0x1F6DF, 0x1F6EB, 0x1F6EC, 0x1F6F4, 0x1F6FC, 0x1F7E0, 0x1F7EB, 0x1F7F0, 0x1F7F0,
            0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF, 0x1FA70, 0x1FAFF, 0x20000, 0x2FFFD, 0x30000, 0x3FFFD,
    };
}
