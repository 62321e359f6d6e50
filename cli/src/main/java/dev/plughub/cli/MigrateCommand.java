package dev.plughub.cli;

import dev.plughub.registry.RegistryConfig;
import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.DatabaseSettings;
import dev.plughub.registry.storage.DatabaseSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code plughub migrate}: brings the database's schema up to date and exits, so an operator can
 * upgrade the schema once before rolling new nodes out (nodes also migrate when they start). Refuses
 * a schema newer than this build knows, like {@code serve}.
 */
@Command(name = "migrate", description = "Bring the registry database's schema up to date, then exit.")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    PlughubCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder whose SQLite database to migrate (env PLUGHUB_DATA_DIR; default ./data).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "URL", description = "PostgreSQL database to migrate instead, jdbc:postgresql://host:port/db (env PLUGHUB_DATABASE_URL; user and password from PLUGHUB_DATABASE_USER/_PASSWORD).")
    String databaseUrl;

    @Override
    public Integer call() {
        RegistryConfig config = ServeCommand.baseConfig(root.environment());
        DatabaseSettings database = ServeCommand.database(config, databaseUrl);
        Path dir = root.environment().workingDir().resolve(dataDir != null ? dataDir : config.dataDir()).toAbsolutePath().normalize();
        Path sqliteFile = dir.resolve("plughub.db");
        String where = database.url().isPresent() ? database.displayUrl() : sqliteFile.toString();
        Database.Migration done;
        try {
            if (database.url().isEmpty()) {
                Files.createDirectories(dir);
            }
            done = Database.migrate(database, sqliteFile);
        } catch (DatabaseSetupException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "Cannot use the data folder " + dir + ": " + e.getMessage(), e);
        }
        String count = " (" + done.applied() + (done.applied() == 1 ? " migration)" : " migrations)");
        spec.commandLine().getOut().println(done.applied() == 0
                ? "Database " + where + " is up to date (schema version " + done.to() + ")"
                : done.from().isEmpty()
                ? "Database " + where + " created at schema version " + done.to() + count
                : "Database " + where + " migrated from schema version " + done.from().get() + " to " + done.to() + count);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
