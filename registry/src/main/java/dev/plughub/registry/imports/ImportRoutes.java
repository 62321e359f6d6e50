package dev.plughub.registry.imports;

import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.catalog.CatalogViews.Published;
import dev.plughub.registry.catalog.CatalogViews.VersionSource;
import dev.plughub.registry.catalog.CatalogViews.ZipPlugin;
import dev.plughub.registry.catalog.CatalogViews.ZipUploadAnswer;
import dev.plughub.registry.catalog.PublishAccess;
import dev.plughub.registry.catalog.PublishOutcome;
import dev.plughub.registry.catalog.PublishOutcome.Accepted;
import dev.plughub.registry.catalog.PublishOutcome.Rejected;
import dev.plughub.registry.catalog.PublishRequest;
import dev.plughub.registry.catalog.PublishService;
import dev.plughub.registry.http.JsonBodies;
import dev.plughub.registry.imports.FetchOutcome.Fetched;
import dev.plughub.registry.imports.FetchOutcome.Refused;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * {@code POST /api/v1/plugins/upload/github} (seed 000): imports a plugin from a folder of a git
 * repository on any host. The folder is fetched and packaged by the {@link GitImporter}, then
 * published by the same {@link PublishService} as an upload — same package rules, limits, ownership
 * and 201 answer (seed 000's {@code upload/zip} shape, with {@code source: "git"}) — and the version
 * records the repository and commit it came from.
 */
public final class ImportRoutes {

    public static final String IMPORT = "/api/v1/plugins/upload/github";
    /** How publishing records versions that came this way. */
    public static final String SOURCE = "git";

    private final GitImporter importer;
    private final PublishService publishing;
    private final PublishAccess access;

    public ImportRoutes(GitImporter importer, PublishService publishing, PublishAccess access) {
        this.importer = importer;
        this.publishing = publishing;
        this.access = access;
    }

    public void register(RoutesConfig routes) {
        routes.post(IMPORT, this::importPlugin);
    }

    private void importPlugin(Context ctx) {
        // credentials first: nobody may make the server fetch from the network without publish rights
        // (in development mode anyone has them, as on every publish route)
        Optional<Principal> publisher = access.publisher(ctx);
        ImportRequest request = ImportRequest.from(JsonBodies.requireObject(JsonBodies.read(ctx)));
        Fetched fetched = switch (importer.fetch(request)) {
            case Fetched f -> f;
            case Refused r -> throw r.toException();
        };
        PublishOutcome outcome = publishing.publish(new PublishRequest(fetched.file(), Optional.of(fetched.fileName()),
                publisher, Optional.empty(), Optional.empty(), SOURCE,
                Optional.of(new VersionSource(fetched.repository(), fetched.commit()))));
        Accepted accepted = switch (outcome) {
            case Accepted a -> a;
            case Rejected r -> throw r.toException();
        };
        Published p = accepted.version();
        ctx.status(HttpStatus.CREATED).json(new ZipUploadAnswer(true, p.id(), "Plugin " + p.name() + " imported successfully",
                new ZipPlugin(p.id(), p.name(), p.version(), accepted.source()), p));
    }
}
