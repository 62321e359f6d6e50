package dev.plughub.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of Plughub this build is, read from a resource Maven fills in. */
public final class BuildInfo {

    public static final String VERSION = load();

    private BuildInfo() {
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/plughub/build.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
