package dev.plughub.core.text;

import com.fasterxml.jackson.core.JacksonException;
import java.util.regex.Pattern;

/**
 * What is wrong with a JSON document, in the words of Jackson's message without the parts addressed
 * to programmers: the source of a limit ({@code from `StreamReadConstraints...`}), the feature that
 * would allow it ({@code enable `JsonReadFeature...` to allow}) and the stack-trace tail.
 */
public final class JsonProblems {

    private static final Pattern LIMIT_SOURCE = Pattern.compile(",? from `[^`]*`");
    private static final Pattern FEATURE_ADVICE = Pattern.compile(":? *\\(?(?:enable|disable) `[^`]*`(?: to allow)?\\)?");
    private static final Pattern FEATURE_NOTE = Pattern.compile(" *\\(`[^`]*` (?:enabled|disabled)\\)");

    private JsonProblems() {
    }

    /** The first line of the parser's message, with programmer's advice removed. */
    public static String describe(JacksonException e) {
        return describe(e.getOriginalMessage());
    }

    static String describe(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        line = LIMIT_SOURCE.matcher(line).replaceAll("");
        line = FEATURE_NOTE.matcher(line).replaceAll("");
        line = FEATURE_ADVICE.matcher(line).replaceAll("");
        return line.strip();
    }
}
