package dev.plughub.registry.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Real git repositories for the import tests, built with JGit: files, commits and branches. */
final class GitRepos implements AutoCloseable {

    private final Git git;
    private final Path dir;

    private GitRepos(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    /** A new repository {@code <root>/<name>} on branch {@code main}. */
    static GitRepos create(Path root, String name) throws Exception {
        Path dir = root.resolve(name);
        return new GitRepos(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    }

    static String pluginJson(String id, String version) {
        return """
                {"id": "%s", "name": "%s", "version": "%s", "description": "Imported from git",
                 "author": "Test Author", "license": "MIT"}
                """.formatted(id, id, version);
    }

    GitRepos file(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return this;
    }

    /** A file of random (incompressible) bytes. */
    GitRepos randomFile(String path, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new Random(42).nextBytes(data);
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        return this;
    }

    /** A file of one repeated byte: tiny once git compresses it, large once checked out. */
    GitRepos repetitiveFile(String path, int bytes) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[64 * 1024];
            for (int left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
        }
        return this;
    }

    /** A symbolic link, committed as git stores links (the target is not followed). */
    GitRepos symlink(String path, String target) throws IOException {
        Files.createSymbolicLink(dir.resolve(path), Path.of(target));
        return this;
    }

    String commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Test Author", "author@example.com");
        RevCommit commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
        return commit.name();
    }

    GitRepos branch(String name) throws Exception {
        git.checkout().setCreateBranch(true).setName(name).call();
        return this;
    }

    GitRepos checkout(String name) throws Exception {
        git.checkout().setName(name).call();
        return this;
    }

    @Override
    public void close() {
        git.close();
    }
}
