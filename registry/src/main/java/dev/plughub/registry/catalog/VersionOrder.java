package dev.plughub.registry.catalog;

import dev.plughub.core.version.Version;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one place that says which version of a plugin is which: versions are ordered by SemVer
 * precedence (core's {@link Version}), newest first; the <em>current</em> version is the newest
 * stable (not a pre-release), not yanked, not deleted one; the <em>head</em> — the version whose
 * manifest describes the plugin (name, description, tags …) — is the current version, or when
 * there is none the newest live version of any kind.
 */
public final class VersionOrder {

    /** What the rule needs to know about one version. */
    public interface Candidate {
        Version semver();

        boolean yanked();

        boolean deleted();
    }

    private VersionOrder() {
    }

    /** SemVer precedence, highest first. */
    public static <T extends Candidate> Comparator<T> newestFirst() {
        return (a, b) -> b.semver().compareTo(a.semver());
    }

    /** The candidates that are not deleted, newest first. */
    public static <T extends Candidate> List<T> live(Collection<T> versions) {
        return versions.stream().filter(v -> !v.deleted()).sorted(newestFirst()).toList();
    }

    /** The newest stable, not yanked, not deleted version. */
    public static <T extends Candidate> Optional<T> current(Collection<T> versions) {
        return versions.stream()
                .filter(v -> !v.deleted() && !v.yanked() && !v.semver().isPrerelease())
                .min(newestFirst());
    }

    /** The newest pre-release that is neither yanked nor deleted. */
    public static <T extends Candidate> Optional<T> newestPrerelease(Collection<T> versions) {
        return versions.stream()
                .filter(v -> !v.deleted() && !v.yanked() && v.semver().isPrerelease())
                .min(newestFirst());
    }

    /** What publishing one more version does to a plugin's current version and head, by {@link #afterAdding}. */
    public enum Added {
        /** Neither changes: the new version is a pre-release or older than the current one. */
        KEEPS_HEAD,
        /** The new version is a stable one newer than the current one: it becomes current and head. */
        BECOMES_CURRENT,
        /** There was no current version, so the head is the newest live version of any kind: ask every one. */
        RECOMPUTE
    }

    /**
     * The rules above, for a plugin that had {@code current} as its current version and just gained
     * {@code added} (neither yanked nor deleted, as every freshly published version): what {@link #current}
     * and {@link #head} over all versions would now say, known without reading them.
     */
    public static Added afterAdding(Optional<Version> current, Version added) {
        if (current.isEmpty()) {
            return Added.RECOMPUTE;
        }
        return added.isPrerelease() || added.compareTo(current.get()) < 0 ? Added.KEEPS_HEAD : Added.BECOMES_CURRENT;
    }

    /** The current version, or else the newest version that is not deleted (pre-release or yanked). */
    public static <T extends Candidate> Optional<T> head(Collection<T> versions) {
        return current(versions).or(() -> versions.stream().filter(v -> !v.deleted()).min(newestFirst()));
    }
}
