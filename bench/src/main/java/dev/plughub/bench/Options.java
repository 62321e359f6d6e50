package dev.plughub.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options, with an environment variable as the fallback for each. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected an option like --plugins 100, not '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                values.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
        }
    }

    String text(String name, String env, String fallback) {
        String value = values.get(name);
        if (value == null && env != null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    int number(String name, String env, int fallback) {
        String value = text(name, env, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'");
        }
    }

    /** The registry's base URL without a trailing slash. */
    String registry() {
        String url = text("registry", "PLUGHUB_REGISTRY", "http://127.0.0.1:8080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The operator key: publishing needs it, and the benchmark registers no account. */
    String apiKey() {
        String key = text("api-key", "PLUGHUB_API_KEY", null);
        if (key == null) {
            throw new IllegalArgumentException("the operator key is needed: --api-key KEY or PLUGHUB_API_KEY");
        }
        return key;
    }
}
