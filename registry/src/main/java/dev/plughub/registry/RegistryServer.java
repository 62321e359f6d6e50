package dev.plughub.registry;

import dev.plughub.core.archive.ArchiveLimits;
import dev.plughub.core.archive.PackageReader;
import dev.plughub.core.files.FileTrees;
import dev.plughub.core.net.OutboundGuard;
import dev.plughub.registry.accounts.AccountRoutes;
import dev.plughub.registry.accounts.AccountService;
import dev.plughub.registry.accounts.AccountStore;
import dev.plughub.registry.accounts.Authenticator;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.accounts.PasswordHasher;
import dev.plughub.registry.accounts.TokenCodec;
import dev.plughub.registry.admin.Access;
import dev.plughub.registry.admin.AdminRoutes;
import dev.plughub.registry.admin.AdminService;
import dev.plughub.registry.apidocs.ApiDocs;
import dev.plughub.registry.audit.AuditLog;
import dev.plughub.registry.audit.AuditRoutes;
import dev.plughub.registry.badges.BadgeRoutes;
import dev.plughub.registry.badges.BadgeService;
import dev.plughub.registry.badges.BadgeStore;
import dev.plughub.registry.catalog.CachedDetails;
import dev.plughub.registry.catalog.CatalogCache;
import dev.plughub.registry.catalog.CatalogRoutes;
import dev.plughub.registry.catalog.CatalogService;
import dev.plughub.registry.catalog.CatalogStore;
import dev.plughub.registry.catalog.ExtractedPackages;
import dev.plughub.registry.catalog.PathRoutes;
import dev.plughub.registry.catalog.PublishAccess;
import dev.plughub.registry.catalog.PublishRoutes;
import dev.plughub.registry.catalog.PublishService;
import dev.plughub.registry.cluster.ChangeStamps;
import dev.plughub.registry.cluster.FreshReads;
import dev.plughub.registry.downloads.DownloadCounter;
import dev.plughub.registry.downloads.DownloadRoutes;
import dev.plughub.registry.downloads.DownloadStore;
import dev.plughub.registry.downloads.MappedDownloads;
import dev.plughub.registry.downloads.OrphanSweeper;
import dev.plughub.registry.downloads.PackageFiles;
import dev.plughub.registry.downloads.VersionLookup;
import dev.plughub.registry.http.BeforeRule;
import dev.plughub.registry.http.HeadRoutes;
import dev.plughub.registry.http.HttpErrors;
import dev.plughub.registry.http.InlineAnswers;
import dev.plughub.registry.http.Json;
import dev.plughub.registry.http.JsonBodies;
import dev.plughub.registry.http.LoopbackTunedConnector;
import dev.plughub.registry.http.RequestsInFlight;
import dev.plughub.registry.http.ForbiddenText;
import dev.plughub.registry.http.QueryEncoding;
import dev.plughub.registry.http.ServerErrors;
import dev.plughub.registry.imports.GitImporter;
import dev.plughub.registry.imports.ImportRoutes;
import dev.plughub.registry.metrics.HttpStatistics;
import dev.plughub.registry.metrics.MetricsRoutes;
import dev.plughub.registry.moderation.BannedPlugins;
import dev.plughub.registry.moderation.ModerationRoutes;
import dev.plughub.registry.moderation.ModerationService;
import dev.plughub.registry.owners.OwnerRoutes;
import dev.plughub.registry.owners.OwnerService;
import dev.plughub.registry.pf4j.Pf4jRepository;
import dev.plughub.registry.pf4j.Pf4jRoutes;
import dev.plughub.registry.pf4j.Sha512Sums;
import dev.plughub.registry.ratelimit.ClientKey;
import dev.plughub.registry.ratelimit.RateLimiter;
import dev.plughub.registry.resolve.ReleaseStore;
import dev.plughub.registry.resolve.ResolveRoutes;
import dev.plughub.registry.resolve.ResolveService;
import dev.plughub.registry.resolve.Resolver;
import dev.plughub.registry.reviews.ReviewRoutes;
import dev.plughub.registry.reviews.ReviewService;
import dev.plughub.registry.reviews.ReviewStore;
import dev.plughub.registry.stats.StatsRoutes;
import dev.plughub.registry.stats.StatsService;
import dev.plughub.registry.storage.BlobStore;
import dev.plughub.registry.storage.BlobStores;
import dev.plughub.registry.storage.DataDirectoryLock;
import dev.plughub.registry.storage.Database;
import dev.plughub.registry.storage.Dialect;
import dev.plughub.registry.storage.PackageFileLock;
import dev.plughub.registry.system.SystemRoutes;
import dev.plughub.registry.updates.HashLookup;
import dev.plughub.registry.updates.UpdateCheck;
import dev.plughub.registry.updates.UpdateRoutes;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.jdbi.v3.core.Handles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's composition root: reads nothing itself, builds every component from a
 * {@link RegistryConfig}, wires them explicitly, and starts the HTTP server.
 */
public final class RegistryServer implements AutoCloseable {

    /** How long a stop (SIGTERM) lets requests in flight finish, a download to a slow client among them. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(RegistryServer.class);

    private final RegistryConfig config;
    private final Javalin app;
    private final List<AutoCloseable> resources;
    private final Authenticator authenticator;

    private RegistryServer(RegistryConfig config, Javalin app, List<AutoCloseable> resources, Authenticator authenticator) {
        this.config = config;
        this.app = app;
        this.resources = resources;
        this.authenticator = authenticator;
    }

    public static RegistryServer start(RegistryConfig config) {
        return start(config, List.of());
    }

    /** Starts the registry with {@code extensions}' routes mounted after its own (see {@link RouteExtension}). */
    public static RegistryServer start(RegistryConfig config, List<RouteExtension> extensions) {
        List<AutoCloseable> resources = new ArrayList<>();
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        Optional<Path> createdHere = firstMissing(dataDir);   // removed again if this start fails
        try {
            Files.createDirectories(dataDir);
            resources.add(DataDirectoryLock.acquire(dataDir));   // first: a second server must not touch anything
            Path uploadDir = dataDir.resolve("tmp").resolve("uploads");
            Files.createDirectories(uploadDir);
            Clock clock = Clock.systemUTC();

            // SQLite unless PLUGHUB_DATABASE_URL; opened on a thread of its own while the rest is set up
            Database db = Database.opening(config.database(), dataDir.resolve("plughub.db"));
            resources.add(db);
            BlobStore blobs = BlobStores.open(config.blobStore(), dataDir.resolve("packages"));
            resources.add(blobs);
            PackageReader packages = new PackageReader(ArchiveLimits.forPackageSize(config.maxPackageBytes()));

            // --- accounts ---
            AccountStore accountStore = new AccountStore(db);
            AccountService accounts = new AccountService(accountStore, PasswordHasher.argon2id(config.passwordCost()),
                    new TokenCodec(new SecureRandom()), clock);
            Authenticator authenticator = new Authenticator(accountStore, config.apiKey(), clock);
            AccountRoutes accountRoutes = new AccountRoutes(accounts, authenticator);
            ApiDocs apiDocs = ApiDocs.load();

            // --- catalog ---
            CatalogStore catalogStore = new CatalogStore(db);
            CatalogCache catalogCache = new CatalogCache();
            ExtractedPackages extracted = new ExtractedPackages(dataDir.resolve("extracted"), blobs, packages);
            ReviewStore reviewStore = new ReviewStore(db); // the detail's recent_ratings; written by the reviews section
            AuditLog auditLog = new AuditLog(db);   // deletions here, moderation and admin actions below
            CatalogService catalog = new CatalogService(catalogStore, catalogCache, extracted, clock, config.dev(),
                    reviewStore, auditLog);
            PackageFileLock packageFileLock = new PackageFileLock();   // publishes against the orphan sweep
            PublishService publishing = new PublishService(catalogStore, blobs, packageFileLock, packages, catalogCache,
                    clock, config.dev());
            PublishAccess publishAccess = new PublishAccess(authenticator, config.dev());   // every publish route, git imports too
            PublishRoutes publishRoutes = new PublishRoutes(publishing, publishAccess, config.maxPackageBytes(),
                    config.dev(), uploadDir);
            CatalogRoutes catalogRoutes = new CatalogRoutes(catalog, authenticator);
            PathRoutes pathRoutes = new PathRoutes(catalog, extracted);

            // --- reviews ---
            ReviewService reviews = new ReviewService(reviewStore, catalogStore, catalog, catalogCache, clock);
            ReviewRoutes reviewRoutes = new ReviewRoutes(reviews, authenticator);

            // --- downloads ---
            OrphanSweeper sweeper = new OrphanSweeper(db, blobs, packageFileLock, uploadDir, Duration.ofMinutes(1), clock);
            sweeper.emptyUploadDir();   // before the first upload; the package store is swept once serving
            VersionLookup downloadLookup = new VersionLookup(new DownloadStore(db), Duration.ofSeconds(2));
            db.write().getConfig(Handles.class).addListener(downloadLookup.changeListener());
            DownloadCounter downloadCounter = new DownloadCounter(db, clock, Duration.ofSeconds(2), config.countDownloads());
            resources.add(downloadCounter);
            PackageFiles packageFiles = new PackageFiles(blobs, 4096);
            DownloadRoutes downloadRoutes = new DownloadRoutes(downloadLookup, packageFiles, downloadCounter,
                    ctx -> ClientKey.of(authenticator, ctx));

            // --- stats, badges, rate limits ---
            StatsService stats = new StatsService(db, catalog, clock, Duration.ofSeconds(1));
            StatsRoutes statsRoutes = new StatsRoutes(stats);
            BadgeService badges = new BadgeService(db,
                    new BadgeStore(), clock, Duration.ofSeconds(2), Duration.ofMinutes(1));
            catalog.useBadges(badges::namesOf);
            BadgeRoutes badgeRoutes = new BadgeRoutes(badges, catalog);
            RateLimiter rateLimiter =
                    RateLimiter.sharedThrough(db, config.rateLimits(), authenticator, config.trustedProxies(), clock);
            BannedPlugins bannedPlugins = new BannedPlugins(db, catalogStore, authenticator, clock);   // seed 001: owners and admins only
            // --- cluster: nodes sharing PostgreSQL see each other's writes as soon as they return ---
            Optional<FreshReads> freshReads = db.dialect() == Dialect.POSTGRESQL
                    ? Optional.of(new FreshReads(
                            new ChangeStamps(db),
                            List.of(catalogCache::invalidateAll, reviews::invalidate, downloadLookup::catalogChanged,
                                    badges::invalidate, stats::invalidate, bannedPlugins::invalidate)))
                    : Optional.empty();

            // --- moderation, admin, audit, owners ---
            Access access = new Access(authenticator);
            ModerationService moderation =
                    new ModerationService(catalogStore, catalogCache, auditLog, clock, bannedPlugins::invalidate);
            ModerationRoutes moderationRoutes =
                    new ModerationRoutes(moderation, access);
            OwnerRoutes ownerRoutes = new OwnerRoutes(
                    new OwnerService(db, catalogStore, catalogCache, auditLog, clock), access);
            AdminRoutes adminRoutes = new AdminRoutes(
                    new AdminService(db, moderation, new BadgeStore(),
                            catalogCache, auditLog, clock), access);
            AuditRoutes auditRoutes = new AuditRoutes(auditLog, access);

            // --- updates, resolve, pf4j ---
            ReleaseStore releaseStore = new ReleaseStore(db);
            UpdateRoutes updateRoutes = new UpdateRoutes(
                    new UpdateCheck(releaseStore), new HashLookup(db));
            ResolveRoutes resolveRoutes = new ResolveRoutes(
                    new ResolveService(releaseStore, Resolver.Limits.DEFAULT));
            Pf4jRoutes pf4jRoutes = new Pf4jRoutes(
                    new Pf4jRepository(db, releaseStore, new Sha512Sums(db, blobs)),
                    downloadLookup, catalogCache);

            // --- imports ---
            GitImporter gitImporter = new GitImporter(
                    new OutboundGuard(config.gitImport().outbound()), config.gitImport(),
                    config.maxPackageBytes(), dataDir.resolve("tmp").resolve("git"), uploadDir, clock);
            gitImporter.removeLeftovers();
            ImportRoutes importRoutes =
                    new ImportRoutes(gitImporter, publishing, publishAccess);

            SystemRoutes system = new SystemRoutes(dataDir, catalogStore::countPlugins, config.dev());
            HttpStatistics httpStatistics = new HttpStatistics();
            MetricsRoutes metrics = new MetricsRoutes(httpStatistics, catalogStore::countPlugins, downloadCounter::pending,
                    db::pools, access, config.metricsToken());

            // Each runs before the routes, in this order; CachedDetails asks each of them too. The
            // first ones run before the query checks, so that their 400s and 422s carry CORS headers.
            List<BeforeRule> framing = List.of(
                    config.trustedProxies(),   // before anything asks who the client is
                    config.corsOrigins());   // before a rate limit or an error can answer
            List<BeforeRule> beforeRules = new ArrayList<>(framing);
            beforeRules.add(rateLimiter);   // before every API route; nothing when all limits are 0
            freshReads.ifPresent(beforeRules::add);   // before any route reads a cache
            beforeRules.add(bannedPlugins);   // after FreshReads: a ban on another node is seen at once

            RequestsInFlight inFlight = new RequestsInFlight();   // for the connector's stop
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.jetty.addConnector((server, http) ->
                        new LoopbackTunedConnector(server, http, config.host(), config.port(), STOP_TIMEOUT, inFlight));
                cfg.concurrency.useVirtualThreads = true;
                cfg.jsonMapper(new JavalinJackson(Json.mapper(), true));
                cfg.http.prefer405over404 = true;
                cfg.http.maxRequestSize = JsonBodies.MAX_BYTES;
                cfg.jetty.multipartConfig.cacheDirectory(uploadDir.toString());
                cfg.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
                cfg.jetty.multipartConfig.maxFileSize(config.maxPackageBytes(), SizeUnit.BYTES);
                cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxPackageBytes() + 1024 * 1024, SizeUnit.BYTES);
                cfg.jetty.modifyServer(server -> {
                    CachedDetails details = new CachedDetails(catalogCache, beforeRules);
                    MappedDownloads downloads = new MappedDownloads(downloadLookup, packageFiles, downloadCounter,
                            config.trustedProxies(), beforeRules);
                    server.insertHandler(details);   // in front of Javalin
                    server.insertHandler(downloads);   // in front of CachedDetails
                    // On the selector thread: what both can answer from memory, the rest to a virtual thread.
                    server.insertHandler(new InlineAnswers(List.of(downloads, details)));
                    server.insertHandler(new GracefulHandler());
                    server.insertHandler(inFlight);
                    server.insertHandler(httpStatistics);   // outermost: every answer is counted, errors included
                    server.setStopTimeout(STOP_TIMEOUT.toMillis());
                    server.setErrorHandler(new ServerErrors());   // what Jetty answers itself, in the API's envelope
                });
                HttpErrors.register(cfg.routes);
                framing.forEach(rule -> rule.register(cfg.routes));
                QueryEncoding.register(cfg.routes);   // before anything reads a query: Javalin drops what does not decode
                ForbiddenText.register(cfg.routes);   // before any route reads a query
                beforeRules.subList(framing.size(), beforeRules.size()).forEach(rule -> rule.register(cfg.routes));
                // Javalin tries a method's routes in the order they were added, a regular expression
                // each, two or three times per request: the most requested come first. No two API
                // routes match the same path, so the order changes nothing else.
                downloadRoutes.register(cfg.routes);
                catalogRoutes.register(cfg.routes);
                statsRoutes.register(cfg.routes);
                reviewRoutes.register(cfg.routes);
                badgeRoutes.register(cfg.routes);
                system.register(cfg.routes);
                metrics.register(cfg.routes);
                publishRoutes.register(cfg.routes);
                importRoutes.register(cfg.routes);
                pathRoutes.register(cfg.routes);
                accountRoutes.register(cfg.routes);
                moderationRoutes.register(cfg.routes);
                ownerRoutes.register(cfg.routes);
                adminRoutes.register(cfg.routes);
                auditRoutes.register(cfg.routes);
                updateRoutes.register(cfg.routes);
                resolveRoutes.register(cfg.routes);
                pf4jRoutes.register(cfg.routes);
                extensions.forEach(extension -> extension.register(cfg.routes));
                apiDocs.register(cfg);
            });
            HeadRoutes.mirrorGets(app.unsafe.internalRouter);
            app.start();   // while the database may still be opening: a request meanwhile waits for it
            try {
                db.awaitOpen();   // a schema it must refuse or a database it cannot reach fails the start
            } catch (RuntimeException e) {
                app.stop();
                throw e;
            }
            resources.add(sweeper.sweepPackagesInBackground());   // closed first: it uses the store and database
            Thread.ofVirtual().name("openapi-warm-up").start(apiDocs::warmUp);
            return new RegistryServer(config, app, resources, authenticator);
        } catch (IOException e) {
            closeAll(resources);
            createdHere.ifPresent(RegistryServer::removeQuietly);
            throw new UncheckedIOException("cannot prepare the data directory " + config.dataDir(), e);
        } catch (RuntimeException e) {
            closeAll(resources);
            createdHere.ifPresent(RegistryServer::removeQuietly);
            throw e;
        }
    }

    /**
     * The outermost folder of {@code dir} (itself or an ancestor) that does not exist yet: a start that
     * fails (a port in use, say) leaves no empty data folder behind where there was none.
     */
    private static Optional<Path> firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing = p;
        }
        return Optional.ofNullable(missing);
    }

    private static void removeQuietly(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove {}, made by a start that failed: {}", dir, e.toString());
        }
    }

    /** The port the server listens on (the real one when the configuration asked for port 0). */
    public int port() {
        return app.port();
    }

    public RegistryConfig config() {
        return config;
    }

    /** Who a session cookie's secret logs in, for the routes an embedding process mounts beside ours. */
    public Optional<Principal> session(String secret) {
        return authenticator.session(secret);
    }

    /** Every HTTP route the server has, as "METHOD /path" (so a test can hold the OpenAPI description complete). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(e -> e.method.name() + " " + e.path)
                .toList();
    }

    /** Stops taking requests, lets those in flight finish, flushes buffered work, closes storage. */
    @Override
    public void close() {
        try {
            app.stop();
        } catch (RuntimeException e) {
            // most often requests still unanswered when the stop timeout ran out (a client that stopped
            // reading); Jetty has stopped all the same, and what is buffered must still be written
            log.warn("The HTTP server did not stop cleanly within {} s: {}", STOP_TIMEOUT.toSeconds(), e.toString());
        }
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // closing the rest matters more than reporting one failure at shutdown
            }
        }
    }

    /** Runs a server from the environment until the process is stopped (used by tests' child JVMs). */
    public static void main(String[] args) {
        RegistryConfig config = RegistryConfig.fromEnvironment(System.getenv());
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> config = config.withHost(args[i + 1]);
                case "--port" -> config = config.withPort(Integer.parseInt(args[i + 1]));
                case "--data-dir" -> config = config.withDataDir(Path.of(args[i + 1]));
                case "--blob-store" -> config = config.withBlobStore(BlobStores.parse(args[i + 1], System.getenv()));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        RegistryServer server = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "plughub-shutdown"));
        System.out.println("Plughub registry listening on http://" + config.host() + ":" + server.port());
    }
}
