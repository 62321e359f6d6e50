package dev.plughub.core.manifest;

import dev.plughub.core.manifest.PythonTokenizer.Token;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/** Python string and number literals turned into Java values, with Python's own escape and number rules. */
final class PythonScalars {

    private static final int MAX_NUMBER_LENGTH = 100;
    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern DECIMAL = Pattern.compile("[1-9](?:_?[0-9])*|0(?:_?0)*");
    private static final Pattern HEX = Pattern.compile("0[xX](?:_?[0-9a-fA-F])+");
    private static final Pattern OCTAL = Pattern.compile("0[oO](?:_?[0-7])+");
    private static final Pattern BINARY = Pattern.compile("0[bB](?:_?[01])+");
    private static final Pattern FLOAT = Pattern.compile(
            "(?:(?:" + DIGITS + ")?\\.(?:" + DIGITS + ")|(?:" + DIGITS + ")\\.?)(?:[eE][+-]?" + DIGITS + ")?");

    private PythonScalars() {
    }

    static String string(Token token) {
        String prefix = token.prefix().toLowerCase(Locale.ROOT);
        if (prefix.contains("f") || prefix.contains("t")) {
            throw new NotALiteral("is not a literal: f-strings are computed when the module runs");
        }
        if (prefix.contains("b")) {
            throw new NotALiteral("is not supported: bytes values cannot be used in a manifest");
        }
        return prefix.contains("r") ? token.text() : unescape(token.text());
    }

    private static String unescape(String body) {
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                i++;
                continue;
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case '\n' -> { }
                case '\r' -> {
                    if (i < body.length() && body.charAt(i) == '\n') {
                        i++;
                    }
                }
                case '\\', '\'', '"' -> out.append(e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case 'x' -> {
                    out.appendCodePoint(hex(body, i, 2));
                    i += 2;
                }
                case 'u' -> {
                    out.appendCodePoint(codePoint(hex(body, i, 4)));
                    i += 4;
                }
                case 'U' -> {
                    out.appendCodePoint(codePoint(hex(body, i, 8)));
                    i += 8;
                }
                case 'N' -> {
                    int close = body.indexOf('}', i);
                    if (i >= body.length() || body.charAt(i) != '{' || close < 0) {
                        throw new NotALiteral("has a malformed \\N{...} escape");
                    }
                    try {
                        out.appendCodePoint(Character.codePointOf(body.substring(i + 1, close)));
                    } catch (IllegalArgumentException unknown) {
                        throw new NotALiteral("names an unknown character in \\N{...}");
                    }
                    i = close + 1;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int digits = 1; digits < 3 && i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '7'; digits++) {
                            value = value * 8 + (body.charAt(i++) - '0');
                        }
                        out.appendCodePoint(value);
                    } else {
                        // Python keeps unknown escapes as written.
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int hex(String body, int start, int count) {
        if (start + count > body.length()) {
            throw new NotALiteral("has a truncated escape");
        }
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = Character.digit(body.charAt(i), 16);
            if (digit < 0) {
                throw new NotALiteral("has a malformed escape");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static int codePoint(int value) {
        if (value < 0 || value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)) {
            throw new NotALiteral("has an escape that is not a Unicode character");
        }
        return value;
    }

    static Object number(String text, boolean negative) {
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw new NotALiteral("has a number that is too long");
        }
        if (text.endsWith("j") || text.endsWith("J")) {
            throw new NotALiteral("is not supported: complex numbers cannot be used in a manifest");
        }
        String digits = text.replace("_", "");
        BigInteger integer = null;
        if (DECIMAL.matcher(text).matches()) {
            integer = new BigInteger(digits);
        } else if (HEX.matcher(text).matches()) {
            integer = new BigInteger(digits.substring(2), 16);
        } else if (OCTAL.matcher(text).matches()) {
            integer = new BigInteger(digits.substring(2), 8);
        } else if (BINARY.matcher(text).matches()) {
            integer = new BigInteger(digits.substring(2), 2);
        }
        if (integer != null) {
            integer = negative ? integer.negate() : integer;
            return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
        }
        boolean looksFloat = text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
        if (looksFloat && FLOAT.matcher(text).matches()) {
            double value = Double.parseDouble(digits);
            if (Double.isInfinite(value)) {
                throw new NotALiteral("has a number that is too large");
            }
            return negative ? -value : value;
        }
        throw new NotALiteral("is not a literal: '" + ManifestValidator.shown(text) + "' is not a number");
    }
}
