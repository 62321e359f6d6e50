package dev.plughub.registry.storage;

import dev.plughub.core.files.UserFolders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps the SQLite driver's native library unpacked in the user's cache folder
 * ({@code $XDG_CACHE_HOME/plughub}, else {@code ~/.cache/plughub}), one copy per driver version, and
 * points the driver at it ({@code org.sqlite.lib.path}). Left alone, the driver unpacks its library
 * to a new temporary file at every start and reads it back to compare: about a tenth of start-up.
 * The folder is the user's own (mode 700), so no other account can swap the library; anything that
 * goes wrong leaves the driver to unpack it the usual way.
 */
final class SqliteNativeLibrary {

    private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static volatile boolean prepared;

    private SqliteNativeLibrary() {
    }

    static void prepare() {
        if (prepared || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        synchronized (SqliteNativeLibrary.class) {
            if (!prepared) {
                cacheFolder(System.getenv()).ifPresent(SqliteNativeLibrary::unpackInto);
                prepared = true;
            }
        }
    }

    static Optional<Path> cacheFolder(Map<String, String> env) {
        return UserFolders.cacheHome(env).map(b -> b.resolve("plughub").resolve("sqlite-" + SQLiteJDBCLoader.getVersion()));
    }

    private static void unpackInto(Path folder) {
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return;   // no bundled library for this platform: the driver reports that itself
            }
            Path library = folder.resolve(name);
            if (!Files.isRegularFile(library)) {
                createPrivate(folder);
                Path partial = Files.createTempFile(folder, name, ".partial");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
            }
            System.setProperty("org.sqlite.lib.path", folder.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            log.debug("SQLite's native library stays with the driver's own unpacking: {}", e.toString());
        }
    }

    private static void createPrivate(Path folder) throws IOException {
        Files.createDirectories(folder.getParent());
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(folder);
            }
        }
    }
}
