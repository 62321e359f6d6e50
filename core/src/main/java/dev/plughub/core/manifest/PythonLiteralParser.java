package dev.plughub.core.manifest;

import dev.plughub.core.manifest.PythonTokenizer.Kind;
import dev.plughub.core.manifest.PythonTokenizer.LogicalLine;
import dev.plughub.core.manifest.PythonTokenizer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the top-level {@code PLUGIN_* = <literal>} assignments of a Python module the way
 * {@code ast.literal_eval} would: strings, numbers, True/False/None, tuples, lists, sets and dicts.
 * Any other expression on such a line (a name, a call, an f-string, arithmetic) is reported with
 * its line; every other statement is ignored. The source is never executed.
 */
final class PythonLiteralParser {

    static final String PREFIX = "PLUGIN_";
    private static final int MAX_DEPTH = 32;

    /** A {@code PLUGIN_*} value read from the source. */
    record Assignment(String name, int line, Object value) {
    }

    /** A {@code PLUGIN_*} line that is not a literal assignment. */
    record Problem(String name, int line, String message) {
    }

    record Module(List<Assignment> assignments, List<Problem> problems) {
    }

    private final List<Token> tokens;
    private int index;

    private PythonLiteralParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Throws {@link PythonTokenizer.SyntaxError} when the source is not Python at all. */
    static Module parse(String source) {
        List<Assignment> assignments = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (LogicalLine line : PythonTokenizer.tokenize(source)) {
            if (line.indented()) {
                continue;
            }
            for (List<Token> statement : statements(line.tokens())) {
                Token first = statement.get(0);
                if (first.kind() != Kind.NAME || !first.text().startsWith(PREFIX)) {
                    continue;
                }
                try {
                    assignments.add(new Assignment(first.text(), first.line(), assignment(statement)));
                } catch (NotALiteral e) {
                    problems.add(new Problem(first.text(), first.line(), "line " + first.line() + ": " + first.text() + " " + e.getMessage()));
                }
            }
        }
        return new Module(assignments, problems);
    }

    /** A logical line split at top-level semicolons. */
    private static List<List<Token>> statements(List<Token> tokens) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token token : tokens) {
            if (token.kind() == Kind.OP && "([{".contains(token.text())) {
                depth++;
            } else if (token.kind() == Kind.OP && ")]}".contains(token.text())) {
                depth--;
            }
            if (depth == 0 && token.isOp(";")) {
                if (!current.isEmpty()) {
                    statements.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    private static Object assignment(List<Token> statement) {
        if (statement.size() < 2 || !statement.get(1).isOp("=")) {
            throw new NotALiteral("must be a plain assignment: " + statement.get(0).text() + " = <literal>");
        }
        if (statement.size() == 2) {
            throw new NotALiteral("has no value");
        }
        PythonLiteralParser parser = new PythonLiteralParser(statement.subList(2, statement.size()));
        Object value = parser.expression();
        if (parser.index < parser.tokens.size()) {
            throw new NotALiteral("is not a literal: unexpected " + describe(parser.tokens.get(parser.index)));
        }
        return value;
    }

    /** A value, or a tuple written without parentheses ({@code "a", "b"}). */
    private Object expression() {
        Object first = value(0);
        if (!peekOp(",")) {
            return first;
        }
        List<Object> tuple = new ArrayList<>();
        tuple.add(first);
        while (acceptOp(",")) {
            if (index >= tokens.size()) {
                break;
            }
            tuple.add(value(0));
        }
        return tuple;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new NotALiteral("is nested deeper than " + MAX_DEPTH + " levels");
        }
        Token token = next();
        switch (token.kind()) {
            case STRING:
                return strings(token);
            case NUMBER:
                return PythonScalars.number(token.text(), false);
            case NAME:
                return switch (token.text()) {
                    case "True" -> Boolean.TRUE;
                    case "False" -> Boolean.FALSE;
                    case "None" -> null;
                    default -> throw new NotALiteral("is not a literal: " + (peekOp("(")
                            ? "found a call to '" + token.text() + "'"
                            : "found the name '" + token.text() + "'"));
                };
            default:
                break;
        }
        return switch (token.text()) {
            case "-", "+" -> {
                Token number = next();
                if (number.kind() != Kind.NUMBER) {
                    throw new NotALiteral("is not a literal: a sign must be followed by a number");
                }
                yield PythonScalars.number(number.text(), token.text().equals("-"));
            }
            case "(" -> parenthesized(depth);
            case "[" -> items("]", depth);
            case "{" -> braces(depth);
            default -> throw new NotALiteral("is not a literal: unexpected " + describe(token));
        };
    }

    private Object parenthesized(int depth) {
        if (acceptOp(")")) {
            return new ArrayList<>();
        }
        Object first = value(depth + 1);
        if (acceptOp(")")) {
            return first;
        }
        expectOp(",");
        List<Object> tuple = new ArrayList<>();
        tuple.add(first);
        while (!acceptOp(")")) {
            tuple.add(value(depth + 1));
            if (!acceptOp(",")) {
                expectOp(")");
                break;
            }
        }
        return tuple;
    }

    private List<Object> items(String close, int depth) {
        List<Object> items = new ArrayList<>();
        while (!acceptOp(close)) {
            items.add(value(depth + 1));
            if (!acceptOp(",")) {
                expectOp(close);
                break;
            }
        }
        return items;
    }

    /** A dict, or a set (read as a list, in source order). */
    private Object braces(int depth) {
        if (acceptOp("}")) {
            return new LinkedHashMap<String, Object>();
        }
        Object first = value(depth + 1);
        if (!acceptOp(":")) {
            List<Object> set = new ArrayList<>();
            set.add(first);
            if (acceptOp(",")) {
                set.addAll(items("}", depth));
            } else {
                expectOp("}");
            }
            return set;
        }
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put(key(first), value(depth + 1));
        while (acceptOp(",")) {
            if (acceptOp("}")) {
                return dict;
            }
            Object key = value(depth + 1);
            expectOp(":");
            dict.put(key(key), value(depth + 1));
        }
        expectOp("}");
        return dict;
    }

    private static String key(Object key) {
        if (key instanceof String text) {
            return text;
        }
        throw new NotALiteral("is not supported: dict keys must be strings");
    }

    private String strings(Token first) {
        StringBuilder text = new StringBuilder(PythonScalars.string(first));
        while (index < tokens.size() && tokens.get(index).kind() == Kind.STRING) {
            text.append(PythonScalars.string(next()));
        }
        return text.toString();
    }

    private Token next() {
        if (index >= tokens.size()) {
            throw new NotALiteral("is not complete");
        }
        return tokens.get(index++);
    }

    private boolean peekOp(String op) {
        return index < tokens.size() && tokens.get(index).isOp(op);
    }

    private boolean acceptOp(String op) {
        if (peekOp(op)) {
            index++;
            return true;
        }
        return false;
    }

    private void expectOp(String op) {
        if (!acceptOp(op)) {
            throw new NotALiteral(index < tokens.size()
                    ? "is not a literal: expected '" + op + "' but found " + describe(tokens.get(index))
                    : "is not complete: expected '" + op + "'");
        }
    }

    private static String describe(Token token) {
        return switch (token.kind()) {
            case NAME -> "the name '" + ManifestValidator.shown(token.text()) + "'";
            case STRING -> "a string";
            case NUMBER -> "the number " + ManifestValidator.shown(token.text());
            case OP -> "'" + ManifestValidator.shown(token.text()) + "'";
        };
    }
}
