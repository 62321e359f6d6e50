package dev.plughub.core.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source into logical lines of tokens, enough to find top-level {@code PLUGIN_* = ...}
 * statements: strings (any prefix, triple-quoted, escapes), numbers, names, operators, comments,
 * brackets spanning lines and backslash continuations. It understands Python's lexical structure
 * only; nothing is ever evaluated.
 */
final class PythonTokenizer {

    enum Kind { NAME, NUMBER, STRING, OP }

    /** For strings, {@code text} is the raw body between the quotes and {@code prefix} its letters (r, b, f, u). */
    record Token(Kind kind, String text, String prefix, int line) {
        boolean isOp(String op) {
            return kind == Kind.OP && text.equals(op);
        }
    }

    /** One logical line; {@code indented} lines are inside a block, so never top-level assignments. */
    record LogicalLine(boolean indented, List<Token> tokens) {
    }

    static final class SyntaxError extends RuntimeException {
        SyntaxError(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private static final String[] OPERATORS = {
        "**=", "//=", ">>=", "<<=", "...", "==", "!=", "<=", ">=", "->", ":=", "+=", "-=", "*=", "/=", "%=",
        "&=", "|=", "^=", "@=", "**", "//", "<<", ">>"
    };
    private static final String STRING_PREFIXES = "|r|u|b|f|br|rb|fr|rf|t|tr|rt|";

    private final String source;
    private final int length;
    private int pos;
    private int line = 1;
    private int depth;
    private final List<LogicalLine> lines = new ArrayList<>();
    private List<Token> current = new ArrayList<>();
    private boolean indented;

    private PythonTokenizer(String source) {
        this.source = source;
        this.length = source.length();
    }

    static List<LogicalLine> tokenize(String source) {
        PythonTokenizer tokenizer = new PythonTokenizer(source);
        tokenizer.run();
        return tokenizer.lines;
    }

    private void run() {
        boolean lineStart = true;
        while (pos < length) {
            if (lineStart) {
                int start = pos;
                while (pos < length && (source.charAt(pos) == ' ' || source.charAt(pos) == '\t' || source.charAt(pos) == '\f')) {
                    pos++;
                }
                indented = pos > start;
                lineStart = false;
                continue;
            }
            char c = source.charAt(pos);
            if (c == '\n' || c == '\r') {
                pos += c == '\r' && pos + 1 < length && source.charAt(pos + 1) == '\n' ? 2 : 1;
                line++;
                if (depth == 0) {
                    endLogicalLine();
                    lineStart = true;
                }
            } else if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < length && source.charAt(pos) != '\n' && source.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '\\') {
                continuation();
            } else if (c == '"' || c == '\'') {
                string("");
            } else if (isDigit(c) || (c == '.' && pos + 1 < length && isDigit(source.charAt(pos + 1)))) {
                number();
            } else if (Character.isUnicodeIdentifierStart(source.codePointAt(pos)) || c == '_') {
                nameOrPrefixedString();
            } else {
                operator();
            }
        }
        if (depth > 0) {
            throw new SyntaxError(line, "a bracket is not closed");
        }
        endLogicalLine();
    }

    private void endLogicalLine() {
        if (!current.isEmpty()) {
            lines.add(new LogicalLine(indented, List.copyOf(current)));
            current = new ArrayList<>();
        }
    }

    private void continuation() {
        int next = pos + 1;
        if (next < length && (source.charAt(next) == '\n' || source.charAt(next) == '\r')) {
            pos = next + (source.charAt(next) == '\r' && next + 1 < length && source.charAt(next + 1) == '\n' ? 2 : 1);
            line++;
            return;
        }
        throw new SyntaxError(line, "a backslash must end the line");
    }

    private void nameOrPrefixedString() {
        int start = pos;
        pos += Character.charCount(source.codePointAt(pos));
        while (pos < length) {
            int codePoint = source.codePointAt(pos);
            if (!Character.isUnicodeIdentifierPart(codePoint) || Character.isIdentifierIgnorable(codePoint)) {
                break;
            }
            pos += Character.charCount(codePoint);
        }
        String name = source.substring(start, pos);
        if (pos < length && (source.charAt(pos) == '"' || source.charAt(pos) == '\'')
                && name.length() <= 2 && STRING_PREFIXES.contains("|" + name.toLowerCase(java.util.Locale.ROOT) + "|")) {
            string(name);
            return;
        }
        current.add(new Token(Kind.NAME, name, "", line));
    }

    private void string(String prefix) {
        int startLine = line;
        char quote = source.charAt(pos);
        boolean triple = source.startsWith(String.valueOf(quote).repeat(3), pos);
        int bodyStart = pos + (triple ? 3 : 1);
        int i = bodyStart;
        while (true) {
            if (i >= length) {
                throw new SyntaxError(startLine, "a string is not closed");
            }
            char c = source.charAt(i);
            if (c == '\\') {
                if (i + 1 < length && isNewline(source, i + 1)) {
                    line++;
                    i += source.charAt(i + 1) == '\r' && i + 2 < length && source.charAt(i + 2) == '\n' ? 3 : 2;
                } else {
                    i += 2;
                }
                continue;
            }
            if (triple ? source.startsWith(String.valueOf(quote).repeat(3), i) : c == quote) {
                break;
            }
            if (isNewline(source, i)) {
                if (!triple) {
                    throw new SyntaxError(startLine, "a string is not closed on its line");
                }
                line++;
                i += c == '\r' && i + 1 < length && source.charAt(i + 1) == '\n' ? 2 : 1;
                continue;
            }
            i++;
        }
        current.add(new Token(Kind.STRING, source.substring(bodyStart, i), prefix, startLine));
        pos = i + (triple ? 3 : 1);
    }

    private void number() {
        int start = pos;
        while (pos < length) {
            char c = source.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && pos > start
                    && (source.charAt(pos - 1) == 'e' || source.charAt(pos - 1) == 'E')
                    && !source.substring(start, Math.min(start + 2, length)).toLowerCase(java.util.Locale.ROOT).startsWith("0x");
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        current.add(new Token(Kind.NUMBER, source.substring(start, pos), "", line));
    }

    private void operator() {
        for (String op : OPERATORS) {
            if (source.startsWith(op, pos)) {
                current.add(new Token(Kind.OP, op, "", line));
                pos += op.length();
                return;
            }
        }
        char c = source.charAt(pos);
        if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                throw new SyntaxError(line, "'" + c + "' closes nothing");
            }
            depth--;
        }
        int codePoint = source.codePointAt(pos);
        current.add(new Token(Kind.OP, new String(Character.toChars(codePoint)), "", line));
        pos += Character.charCount(codePoint);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNewline(String text, int i) {
        return text.charAt(i) == '\n' || text.charAt(i) == '\r';
    }
}
