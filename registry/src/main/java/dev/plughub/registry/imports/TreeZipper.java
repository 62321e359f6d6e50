package dev.plughub.registry.imports;

import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.imports.FetchOutcome.Refused;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Packages one folder of a commit as a zip, straight from git's objects: nothing is checked out, so
 * no path from the repository ever touches the server's disk. Sizes are known from the objects
 * before they are read, so a folder over the package limit is refused before it is written. Links
 * are kept as zip links, for the package rules to refuse exactly as they refuse an uploaded one;
 * submodules are not part of the repository's own files and are left out.
 */
final class TreeZipper {

    private final long maxBytes;

    TreeZipper(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Writes the folder's files to {@code target}; a refusal when the folder is missing or too large. */
    Optional<Refused> zip(Repository repo, ObjectId commitId, List<String> folder, Path target) throws IOException {
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit commit = walk.parseCommit(commitId);
            ObjectId tree = commit.getTree();
            String path = String.join("/", folder);
            if (!folder.isEmpty()) {
                try (TreeWalk at = TreeWalk.forPath(reader, path, tree)) {
                    if (at == null || !FileMode.TREE.equals(at.getFileMode(0))) {
                        return Optional.of(missing(path, at != null));
                    }
                    tree = at.getObjectId(0);
                }
            }
            Optional<Refused> tooLarge = checkSize(reader, tree);
            if (tooLarge.isPresent()) {
                return tooLarge;
            }
            write(reader, tree, target);
            return Optional.empty();
        }
    }

    private Optional<Refused> checkSize(ObjectReader reader, ObjectId tree) throws IOException {
        long total = 0;
        try (TreeWalk files = new TreeWalk(reader)) {
            files.addTree(tree);
            files.setRecursive(true);
            while (files.next()) {
                if (isContent(files.getFileMode(0))) {
                    total += reader.getObjectSize(files.getObjectId(0), ObjectReader.OBJ_ANY);
                    if (total > maxBytes) {
                        return Optional.of(new Refused(ErrorCode.PACKAGE_TOO_LARGE, "The folder's files add up to more than "
                                + maxBytes + " bytes; this registry accepts packages of at most " + maxBytes
                                + " bytes (PLUGHUB_MAX_PACKAGE_MB)", Map.of("max_bytes", maxBytes)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void write(ObjectReader reader, ObjectId tree, Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file);
             TreeWalk files = new TreeWalk(reader)) {
            files.addTree(tree);
            files.setRecursive(true);
            while (files.next()) {
                FileMode mode = files.getFileMode(0);
                if (!isContent(mode)) {
                    continue;
                }
                ZipArchiveEntry entry = new ZipArchiveEntry(files.getPathString());
                ObjectLoader blob = reader.open(files.getObjectId(0));
                if (FileMode.SYMLINK.equals(mode)) {
                    entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                } else {
                    entry.setUnixMode(UnixStat.FILE_FLAG | (FileMode.EXECUTABLE_FILE.equals(mode) ? 0755 : 0644));
                }
                entry.setSize(blob.getSize());
                zip.putArchiveEntry(entry);
                blob.copyTo(zip);
                zip.closeArchiveEntry();
            }
            zip.finish();
        }
    }

    /** Files and links carry content; trees are walked into and submodules (gitlinks) left out. */
    private static boolean isContent(FileMode mode) {
        return FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode) || FileMode.SYMLINK.equals(mode);
    }

    private static Refused missing(String path, boolean isFile) {
        String message = isFile ? "'" + path + "' is a file in the repository, not a folder"
                : "The repository has no folder '" + path + "' on that branch";
        return new Refused(ErrorCode.VALIDATION_FAILED, message, Map.of("subdirectory", List.of(message)));
    }
}
