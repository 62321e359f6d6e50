package dev.plughub.examples.grpcsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users this example has synced, one {@code username<TAB>db_name<TAB>role_tag} line each, in
 * the plugin's private data directory. Rewritten whole through a temporary file, so a crash never
 * leaves half a file.
 */
final class UserFile {

    private final Path file;

    UserFile(Path file) {
        this.file = file;
    }

    synchronized int count() {
        return read().size();
    }

    /** Records a user; answers {@code created}, {@code updated} or {@code unchanged}. */
    synchronized String put(String username, String dbName, String roleTag) throws IOException {
        Map<String, String> all = read();
        String line = clean(dbName) + "\t" + clean(roleTag);
        String before = all.put(clean(username), line);
        if (line.equals(before)) {
            return "unchanged";
        }
        List<String> lines = new ArrayList<>();
        all.forEach((name, rest) -> lines.add(name + "\t" + rest));
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, lines, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return before == null ? "created" : "updated";
    }

    private Map<String, String> read() {
        Map<String, String> all = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return all;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    all.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Tabs and line breaks would break the file's format; they have no place in these fields. */
    private static String clean(String value) {
        return value.replaceAll("[\\t\\r\\n]", " ");
    }
}
