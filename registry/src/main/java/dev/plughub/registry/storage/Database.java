package dev.plughub.registry.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.pattern.ValidatePattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteJDBCLoader;

/**
 * The metadata database. On SQLite (the zero-set-up default) writes go through one connection with
 * {@code BEGIN IMMEDIATE} transactions, so read-then-write transactions never fail with
 * SQLITE_BUSY_SNAPSHOT, and reads go through a small pool of read-only connections that WAL lets run
 * beside the writer (see NOTES-DATA.md). On PostgreSQL one pool serves both, and transactions that
 * relied on SQLite's single writer take row locks ({@link #lockRow}) or unique constraints instead.
 * Use {@link #write()} for anything that changes data and {@link #read()} for queries.
 */
public final class Database implements AutoCloseable {

    /** What {@link #migrate} did: the schema version before and after, and how many migrations ran. */
    public record Migration(Optional<String> from, String to, int applied) {
    }

    /** The writer's pool and the readers' (one and the same on PostgreSQL), once open and migrated. */
    private record Pools(HikariDataSource writer, HikariDataSource reader) {
    }

    private final Dialect dialect;
    private final CompletableFuture<Pools> opening;
    private final Jdbi write;
    private final Jdbi read;
    private final DatabaseOutage outage = new DatabaseOutage(Clock.systemUTC());

    private Database(Dialect dialect, CompletableFuture<Pools> opening) {
        this.dialect = dialect;
        this.opening = opening;
        this.write = Jdbi.create(new GuardedDataSource(opening.thenApply(Pools::writer), outage));
        // Its own Jdbi even over PostgreSQL's single pool: listeners on write() (the download look-up's
        // cache invalidation) must not fire for every read.
        this.read = Jdbi.create(new GuardedDataSource(opening.thenApply(Pools::reader), outage));
    }

    /** Opens the database the settings name (SQLite at {@code sqliteFile} when they name none), migrated. */
    public static Database open(DatabaseSettings settings, Path sqliteFile) {
        return new Database(settings.dialect(), CompletableFuture.completedFuture(openPools(settings, sqliteFile)));
    }

    /**
     * Begins opening and migrating the database the settings name on a thread of its own and returns
     * at once, so that the caller can set up everything else meanwhile: on a fresh JVM the connection
     * pools and Flyway run interpreted for about half a second, on one core of the two. Statements
     * wait until the schema is up to date; {@link #awaitOpen} waits too, and throws what opening it
     * threw.
     */
    public static Database opening(DatabaseSettings settings, Path sqliteFile) {
        return new Database(settings.dialect(), CompletableFuture.supplyAsync(() -> openPools(settings, sqliteFile),
                task -> Thread.ofPlatform().name("database-open").daemon().start(task)));
    }

    private static Pools openPools(DatabaseSettings settings, Path sqliteFile) {
        return settings.url().isPresent() ? postgresPools(settings) : sqlitePools(sqliteFile);
    }

    /** Waits until the database is open and migrated; throws what opening it threw. */
    public Database awaitOpen() {
        try {
            opening.join();
            return this;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * How long a serving connection waits for PostgreSQL to answer. Every statement the routes run is
     * indexed and answers in milliseconds; a wait this long means the database is gone.
     */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** Finds (or unpacks) SQLite's native library and loads it, as opening a SQLite database would. */
    public static void prepareSqliteDriver() {
        SqliteNativeLibrary.prepare();
        try {
            SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            // opening a database loads it again and reports what is wrong
        }
    }

    /** Opens (creating if needed) the SQLite database file and brings its schema up to date. */
    private static Pools sqlitePools(Path file) {
        SqliteNativeLibrary.prepare();
        HikariConfig writer = new HikariConfig();
        writer.setPoolName("sqlite-writer");
        writer.setJdbcUrl(sqliteUrl(file));
        writer.setMaximumPoolSize(1);
        writer.setConnectionTimeout(30_000);
        HikariDataSource writerPool = new HikariDataSource(writer);
        try {
            migrate(writerPool, Dialect.SQLITE, file.toString());
        } catch (RuntimeException e) {
            writerPool.close();
            throw e;
        }

        HikariConfig reader = new HikariConfig();
        reader.setPoolName("sqlite-reader");
        reader.setJdbcUrl(sqliteUrl(file));
        reader.setMaximumPoolSize(4);
        reader.setMinimumIdle(1);   // the others open when reads need them: opening all four slowed start-up
        reader.setConnectionInitSql("PRAGMA query_only = 1");
        return new Pools(writerPool, new HikariDataSource(reader));
    }

    /**
     * Connects to PostgreSQL and brings its schema up to date (Flyway locks the schema history, so
     * nodes starting at once migrate once). Any failure becomes a {@link DatabaseSetupException} whose
     * message names what is wrong.
     */
    private static Pools postgresPools(DatabaseSettings settings) {
        // Migrations may rightly run for minutes, so they get a connection of their own without the
        // serving pool's read timeout.
        try (HikariDataSource migrating = postgresPool(settings, "postgresql-migrate", 3, Duration.ZERO)) {
            migrate(migrating, Dialect.POSTGRESQL, settings.displayUrl());
        } catch (RuntimeException e) {
            throw PostgresFailures.explain(settings, e);
        }
        HikariDataSource pool = postgresPool(settings, "postgresql", 10, READ_TIMEOUT);
        return new Pools(pool, pool);
    }

    /** {@code plughub migrate}: brings the schema up to date without starting a server. */
    public static Migration migrate(DatabaseSettings settings, Path sqliteFile) {
        HikariDataSource pool = settings.url().isPresent()
                ? postgresPool(settings, "postgresql-migrate", 3, Duration.ZERO) : sqlitePool(sqliteFile);
        try (pool) {
            return migrate(pool, settings.dialect(), settings.url().isPresent() ? settings.displayUrl() : sqliteFile.toString());
        } catch (DatabaseSetupException e) {
            throw e;
        } catch (RuntimeException e) {
            throw settings.url().isPresent() ? PostgresFailures.explain(settings, e) : e;
        }
    }

    /**
     * A pool whose connections give up on a database that stops answering mid-statement after
     * {@code readTimeout} (zero: never). Without one, a database whose network goes silent (a
     * failover that leaves the old address answering nothing) held each request in flight until the
     * kernel's keep-alive gave up, two hours later; with it the request is a 503 like any outage.
     */
    private static HikariDataSource postgresPool(DatabaseSettings settings, String name, int size, Duration readTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(settings.url().orElseThrow());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        // A burst waits for a connection rather than fails, but not so long that a database gone away
        // holds requests for half a minute before they are answered 503 (DatabaseOutage).
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("connectTimeout", "5");   // seconds: an unreachable host fails start-up quickly
        config.addDataSourceProperty("loginTimeout", "10");   // seconds: a server that accepts but never answers
        config.addDataSourceProperty("socketTimeout", Long.toString(readTimeout.toSeconds()));
        config.addDataSourceProperty("ApplicationName", "plughub");
        try {
            return new HikariDataSource(config);   // opens one connection now, so a bad setting fails here
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            throw PostgresFailures.explain(settings, e);
        }
    }

    private static HikariDataSource sqlitePool(Path file) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sqlite-migrate");
        config.setJdbcUrl(sqliteUrl(file));
        config.setMaximumPoolSize(1);
        return new HikariDataSource(config);
    }

    private static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=NORMAL&foreign_keys=true&busy_timeout=10000"
                + "&transaction_mode=IMMEDIATE";
    }

    /**
     * Applies the migrations this build has, refusing a schema that a newer build has already
     * migrated further: this build would not know its tables and could damage data it cannot read.
     * Flyway's own validation, run before it applies anything, finds such a schema when nothing is
     * ignored (by default it passes over migrations it does not have as "future" ones); asking
     * Flyway first in a look of its own cost a tenth of a start.
     */
    private static Migration migrate(DataSource pool, Dialect dialect, String where) {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.folder())
                .failOnMissingLocations(false)
                .ignoreMigrationPatterns(new ValidatePattern[0])   // nothing: not even future migrations
                .load();
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayValidateException e) {
            refuseNewerSchema(flyway, where);
            throw e;
        }
        String to = Optional.ofNullable(result.targetSchemaVersion)
                .or(() -> Optional.ofNullable(result.initialSchemaVersion)).orElse("0");
        return new Migration(Optional.ofNullable(result.initialSchemaVersion), to, result.migrationsExecuted);
    }

    private static void refuseNewerSchema(Flyway flyway, String where) {
        MigrationInfo[] all = flyway.info().all();
        Optional<MigrationVersion> unknown = Arrays.stream(all)
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo);
        if (unknown.isPresent()) {
            String known = Arrays.stream(all).filter(m -> m.getState().isResolved()).map(MigrationInfo::getVersion)
                    .max(MigrationVersion::compareTo).map(MigrationVersion::getVersion).orElse("0");
            throw new DatabaseSetupException("The database schema at " + where + " is at version "
                    + unknown.get().getVersion() + ", newer than this Plughub knows (up to version " + known
                    + "): run the Plughub release that migrated it, or restore the backup taken before that upgrade");
        }
    }

    /** The connection pools by name: SQLite's writer and readers, or PostgreSQL's one pool; none while opening. */
    public Map<String, HikariPoolMXBean> pools() {
        Map<String, HikariPoolMXBean> pools = new LinkedHashMap<>();
        if (opening.state() != Future.State.SUCCESS) {
            return pools;
        }
        for (HikariDataSource pool : List.of(opening.resultNow().writer(), opening.resultNow().reader())) {
            HikariPoolMXBean bean = pool.getHikariPoolMXBean();
            if (bean != null) {
                pools.putIfAbsent(pool.getPoolName(), bean);
            }
        }
        return pools;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Whether the database can be reached right now, as this node's connections found. */
    public DatabaseOutage outage() {
        return outage;
    }

    /** For statements that change data (one writer on SQLite). */
    public Jdbi write() {
        return write;
    }

    /** For queries (read-only connections on SQLite). */
    public Jdbi read() {
        return read;
    }

    /**
     * Makes a read-then-write transaction on one row safe against concurrent ones. On PostgreSQL it
     * takes the row's lock until the transaction ends ({@code FOR NO KEY UPDATE}, which does not
     * conflict with the key-share locks that foreign keys take, so inserting child rows first cannot
     * deadlock); statements after it see every transaction that held the lock before. On SQLite it
     * does nothing: the single writer connection already runs write transactions one at a time.
     *
     * @param table a table name from the caller's code, never from input
     */
    public void lockRow(Handle h, String table, long id) {
        if (dialect == Dialect.POSTGRESQL) {
            h.createQuery("SELECT id FROM " + table + " WHERE id = :id FOR NO KEY UPDATE").bind("id", id)
                    .mapTo(Long.class).findOne();
        }
    }

    @Override
    public void close() {
        Pools open;
        try {
            open = opening.join();   // one still opening is closed once open
        } catch (CompletionException e) {
            return;   // it never opened: nothing to close
        }
        if (open.reader() != open.writer()) {
            open.reader().close();
        }
        open.writer().close();
    }
}
