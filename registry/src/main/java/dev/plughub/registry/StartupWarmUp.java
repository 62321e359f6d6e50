package dev.plughub.registry;

import dev.plughub.registry.http.Json;
import dev.plughub.registry.storage.Database;
import java.util.List;
import org.eclipse.jetty.http.MimeTypes;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

/**
 * Work that {@link RegistryServer#start} would otherwise do on its one thread, begun on a second
 * thread while the command line is still being read. Reading it takes picocli about a tenth of a
 * second on one core (building its model of the command is reflection over annotations, in code
 * that runs interpreted at start-up), and the second core is free then. Each step sets up something
 * that depends on no setting and that start-up profiles showed on the server's path. The start does
 * not wait for this thread: whichever thread comes to a step first does it, and the other finds it
 * done (or waits for the rest of that one step). Spring Boot's BackgroundPreinitializer does the same
 * for the same reason.
 *
 * <p>A step that fails is skipped: it only meant to save the start the time.
 */
public final class StartupWarmUp {

    /**
     * In the order the start needs them, so that the two threads meet, if at all, at the same
     * step: one waits for the other to finish a class's initialization, and neither can hold what
     * the other waits for.
     */
    private static final List<Runnable> STEPS = List.of(
            // Logging first, so that nothing below meets slf4j half set up.
            LoggerFactory::getILoggerFactory,
            // SQLite's native library: found in (or unpacked to) the cache folder, then loaded.
            Database::prepareSqliteDriver,
            // Flyway finds its plugins with a ServiceLoader when it is first configured.
            Flyway::configure,
            // Jdbi registers its JFR event with the flight recorder before its first statement.
            () -> initialize("org.jdbi.v3.core.statement.internal.JfrSupport"),
            // Jackson's ObjectMapper and the modules the API's mapper registers.
            Json::mapper,
            // Jetty's MimeTypes asks the JDK for every available locale as it is set up.
            () -> initialize(MimeTypes.class.getName()));

    private StartupWarmUp() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void begin() {
        Thread.ofPlatform().daemon().name("start-up-warm-up").start(() -> STEPS.forEach(StartupWarmUp::attempt));
    }

    private static void attempt(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError e) {
            // the start does this step itself, and reports what is wrong if it matters
        }
    }

    private static void initialize(String className) {
        try {
            Class.forName(className, true, StartupWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            // a library renamed it: the start pays for it as before
        }
    }
}
