package dev.plughub.host.grpc;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment an out-of-process plugin starts with: a short allow list taken from the host's
 * own environment, plus what the contract promises. Nothing else passes, so the host's secrets
 * ({@code PLUGHUB_API_KEY}, {@code PLUGHUB_HOST_TOKEN}, cloud credentials, database passwords) never
 * reach plugin code; a plugin gets its settings through its configuration instead.
 */
final class ChildEnvironment {

    /** Host variables a plugin may see: where programs are, its home, locale and time zone. */
    static final Set<String> PASSED_THROUGH = Set.of("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR");

    static final String PLUGIN_ID = "PLUGHUB_PLUGIN_ID";
    static final String DATA_DIR = "PLUGHUB_PLUGIN_DATA_DIR";
    static final String PROTOCOL = "PLUGHUB_PLUGIN_PROTOCOL";
    static final String JAVA = "PLUGHUB_JAVA";

    private ChildEnvironment() {
    }

    static Map<String, String> of(Map<String, String> host, String pluginId, Path dataDirectory, int protocol) {
        Map<String, String> env = new LinkedHashMap<>();
        host.forEach((name, value) -> {
            if (PASSED_THROUGH.contains(name)) {
                env.put(name, value);
            }
        });
        env.put(PLUGIN_ID, pluginId);
        env.put(DATA_DIR, dataDirectory.toAbsolutePath().toString());
        env.put(PROTOCOL, Integer.toString(protocol));
        env.put(JAVA, hostJava().toString());
        return env;
    }

    /** The java binary running the host, so a Java plugin needs no JDK of its own. */
    static Path hostJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
