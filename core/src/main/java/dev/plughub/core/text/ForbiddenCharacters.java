package dev.plughub.core.text;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Characters no text from outside may hold: the NUL character (U+0000) and unpaired UTF-16
 * surrogates (U+D800–U+DFFF not forming a pair, which JSON can write as the escape <code>&#92;uD800</code>).
 * PostgreSQL cannot store NUL in text, and neither database can store an unpaired surrogate: it
 * would come back as {@code ?}. No name, description, review or search term needs either, so every
 * input refuses them by this one rule, on SQLite as on PostgreSQL, so a request means the same on
 * either and nothing is stored other than as it was sent.
 */
public final class ForbiddenCharacters {

    /** The rule a refused field breaks, as a field message. */
    public static final String RULE = "must not contain the NUL character (U+0000) or an unpaired surrogate (U+D800 to U+DFFF)";

    private ForbiddenCharacters() {
    }

    public static boolean in(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return true;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;   // a pair: one code point outside the Basic Multilingual Plane, an emoji say
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether JSON text holds an escape that can decode to a forbidden character: <code>&#92;u0000</code>,
     * or a surrogate's <code>&#92;uD800</code> to <code>&#92;uDFFF</code> in either case. A literal NUL or
     * surrogate cannot appear unescaped: the parser refuses the first and UTF-8 cannot encode the
     * second. When this is false, a parsed body needs no walk through {@link #firstIn}.
     */
    public static boolean mayBeEscapedIn(byte[] json) {
        for (int i = 0; i + 5 < json.length; i++) {
            if (json[i] == '\\' && json[i + 1] == 'u') {
                byte first = json[i + 2];
                if (first == 'd' || first == 'D'
                        || first == '0' && json[i + 3] == '0' && json[i + 4] == '0' && json[i + 5] == '0') {
                    return true;
                }
            }
        }
        return false;
    }

    /** A name as it may be shown in a refusal: each forbidden character escaped as JSON writes it. */
    public static String shown(String name) {
        if (!in(name)) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1));
            if (pair) {
                out.append(c).append(name.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Where the first forbidden character is in a tree of maps, lists and scalars (a parsed manifest):
     * the path of the value or key that holds it, as {@code events.emits[2]} (one in a key is shown
     * there escaped, as JSON writes it); empty when there is none.
     */
    public static Optional<String> firstIn(Object tree) {
        return firstIn(tree, "");
    }

    private static Optional<String> firstIn(Object node, String path) {
        switch (node) {
            case String text -> {
                return in(text) ? Optional.of(path) : Optional.empty();
            }
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    String at = path.isEmpty() ? key : path + "." + key;
                    if (in(key)) {
                        return Optional.of(shown(at));
                    }
                    Optional<String> found = firstIn(entry.getValue(), at);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    Optional<String> found = firstIn(list.get(i), path + "[" + i + "]");
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            case null, default -> {
                return Optional.empty();
            }
        }
    }
}
