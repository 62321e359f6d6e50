package dev.plughub.registry.catalog;

import dev.plughub.registry.accounts.Principal;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A package someone asks to publish.
 *
 * @param file           the uploaded archive in a temporary file; {@link PublishService#publish} consumes it
 * @param fileName       the name the uploader gave the file (a format hint)
 * @param publisher      who publishes; empty only for development mode's anonymous uploads
 * @param expectedSha256 the digest the uploader says the file has (lower-case hex)
 * @param changelog      a changelog given beside the package, preferred to the manifest's
 * @param source         how it arrived: upload | zip_upload | publish | upload_temp | git
 * @param origin         for a git import, the repository and commit the files come from
 */
public record PublishRequest(
        Path file,
        Optional<String> fileName,
        Optional<Principal> publisher,
        Optional<String> expectedSha256,
        Optional<String> changelog,
        String source,
        Optional<CatalogViews.VersionSource> origin) {

    /** A package that did not come from a repository. */
    public PublishRequest(Path file, Optional<String> fileName, Optional<Principal> publisher,
                          Optional<String> expectedSha256, Optional<String> changelog, String source) {
        this(file, fileName, publisher, expectedSha256, changelog, source, Optional.empty());
    }
}
