package dev.plughub.core.text;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NUL character (U+0000) in text from outside. PostgreSQL cannot store it in text, and no name,
 * description, review or search term needs it, so every input refuses it by this one rule — on SQLite
 * as on PostgreSQL, so a request means the same on either.
 */
public final class NulCharacters {

    /** The rule a refused field breaks, as a field message. */
    public static final String RULE = "must not contain the NUL character (U+0000)";

    private NulCharacters() {
    }

    public static boolean in(String text) {
        return text.indexOf('\u0000') >= 0;
    }

    /** A name as it may be shown in a refusal: each NUL escaped as JSON writes it. */
    public static String shown(String name) {
        return name.replace("\0", "\\u0000");
    }

    /**
     * Where the first NUL is in a tree of maps, lists and scalars (a parsed manifest): the path of the
     * value or key that holds it, as {@code events.emits[2]} (a NUL in a key is shown there escaped, as
     * JSON writes it); empty when there is none.
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
