package dev.plughub.registry.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.http.Pagination;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The JSON shapes of the catalogue API (snake_case through the API's mapper; BRIEF "Response shapes"). */
public final class CatalogViews {

    private CatalogViews() {
    }

    /** A plugin in a list (seed 001's fields). */
    public record PluginSummary(
            String id,
            String name,
            String description,
            Optional<String> author,
            Optional<String> currentVersion,
            long downloads,
            double rating,
            long ratingCount,
            String status,
            Instant createdAt,
            Instant updatedAt,
            Optional<String> minGeektoolsVersion,
            Optional<String> minHostVersion,
            Optional<String> homepageUrl,
            Optional<String> repositoryUrl,
            Optional<String> license,
            List<String> tags,
            Optional<String> category,
            List<String> badges) {

        /** Without badges (they are added by {@link #withBadges}). */
        public PluginSummary(String id, String name, String description, Optional<String> author,
                             Optional<String> currentVersion, long downloads, double rating, long ratingCount,
                             String status, Instant createdAt, Instant updatedAt, Optional<String> minGeektoolsVersion,
                             Optional<String> minHostVersion, Optional<String> homepageUrl,
                             Optional<String> repositoryUrl, Optional<String> license, List<String> tags,
                             Optional<String> category) {
            this(id, name, description, author, currentVersion, downloads, rating, ratingCount, status, createdAt,
                    updatedAt, minGeektoolsVersion, minHostVersion, homepageUrl, repositoryUrl, license, tags,
                    category, List.of());
        }

        /** The same summary with these badges (API names, see badges.Badge). */
        public PluginSummary withBadges(List<String> badges) {
            return new PluginSummary(id, name, description, author, currentVersion, downloads, rating, ratingCount,
                    status, createdAt, updatedAt, minGeektoolsVersion, minHostVersion, homepageUrl, repositoryUrl,
                    license, tags, category, badges);
        }
    }

    /** {@code data} of {@code GET /api/v1/plugins} and {@code POST /api/v1/plugins/search}. */
    public record PluginPage(List<PluginSummary> plugins, Pagination pagination) {
    }

    /** A version in a plugin's version list. */
    public record VersionSummary(
            String version,
            Optional<String> changelog,
            long fileSize,
            String fileHash,
            long downloads,
            Instant createdAt,
            boolean isStable,
            boolean yanked,
            String format,
            Optional<Instant> yankedAt,
            Optional<String> yankReason) {
    }

    /** {@code data} of {@code GET /api/v1/plugins/{id}/versions}. */
    public record VersionPage(List<VersionSummary> versions, Pagination pagination) {
    }

    /** A plugin's dependencies: plugin id (with {@code ?} when optional) → range, package name → range. */
    public record Dependencies(Map<String, String> plugins, Map<String, String> packages) {
    }

    public record Owner(String username, Optional<String> displayName) {
    }

    public record Publisher(String username) {
    }

    /** {@code data} of {@code GET /api/v1/plugins/{id}}. */
    @JsonPropertyOrder(alphabetic = false)
    public record PluginDetail(
            @JsonUnwrapped PluginSummary summary,
            List<VersionSummary> versions,
            List<Object> recentRatings,
            Map<String, Long> ratingDistribution,
            List<Owner> owners,
            Dependencies dependencies,
            List<String> permissions,
            JsonNode manifest,
            Optional<String> replacement,
            Optional<String> statusReason) {
    }

    /** {@code data} of {@code GET /api/v1/plugins/{id}/versions/{version}}. */
    public record VersionDetail(
            String pluginId,
            String version,
            Optional<String> changelog,
            long fileSize,
            String fileHash,
            String sha256,
            long downloads,
            Instant createdAt,
            boolean isStable,
            boolean yanked,
            String format,
            String downloadUrl,
            JsonNode manifest,
            Dependencies dependencies,
            Optional<Publisher> publishedBy,
            Optional<Instant> yankedAt,
            Optional<String> yankReason,
            Optional<VersionSource> source) {
    }

    /** Where an imported version's files come from (git imports; V9__version_source.sql). */
    public record VersionSource(String repository, String commit) {
    }

    /**
     * {@code data} of every publish answer (seed 001's upload answer), with {@code warnings} when the
     * manifest holds fields that look like misspelt ones ({@link dev.plughub.core.manifest.ManifestAdvice});
     * left out when none.
     */
    public record Published(
            String id,
            String name,
            String version,
            UUID uploadId,
            long fileSize,
            String fileHash,
            String status,
            Instant createdAt,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {
    }

    /** Seed 000's {@code plugin} object of the {@code upload/zip} answer. */
    public record ZipPlugin(String id, String name, String version, String source) {
    }

    /** The whole {@code upload/zip} answer: seed 000's top-level fields beside the usual envelope. */
    public record ZipUploadAnswer(boolean success, String pluginId, String message, ZipPlugin plugin, Published data) {
    }

    /** The whole {@code GET /api/v1/plugins/{id}/path} answer (seed 000). */
    public record PathAnswer(boolean success, String pluginId, String version, String path, boolean exists) {
    }
}
