package dev.plughub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * The tokens {@code plughub login} saved, one per registry address, in
 * {@code <config home>/plughub/credentials.json}. The file is readable by its owner only (mode 600,
 * in a folder of mode 700) and is replaced atomically, so a crash never leaves half a file.
 */
public final class CredentialStore {

    /** A saved login. */
    public record Credential(String username, String token) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;

    public CredentialStore(Path configHome) {
        this.file = configHome.resolve("plughub").resolve("credentials.json");
    }

    public Path file() {
        return file;
    }

    public Optional<Credential> find(URI registry) {
        JsonNode entry = read().path("registries").path(registry.toString());
        if (!entry.path("token").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new Credential(entry.path("username").asText(""), entry.path("token").asText()));
    }

    public void save(URI registry, String username, String token) {
        ObjectNode root = read();
        ObjectNode registries = root.get("registries") instanceof ObjectNode existing ? existing : root.putObject("registries");
        registries.putObject(registry.toString())
                .put("username", username)
                .put("token", token)
                .put("saved_at", Instant.now().toString());
        write(root);
    }

    /** Forgets the login for {@code registry}; false when there was none. */
    public boolean remove(URI registry) {
        ObjectNode root = read();
        JsonNode registries = root.path("registries");
        if (!registries.isObject() || !registries.has(registry.toString())) {
            return false;
        }
        ((ObjectNode) registries).remove(registry.toString());
        write(root);
        return true;
    }

    private ObjectNode read() {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // reported below as one line
        }
        throw new CliException(ExitCodes.USAGE, "The credentials file " + file
                + " is not valid JSON; delete it and run 'plughub login' again");
    }

    private void write(ObjectNode root) {
        Path folder = file.getParent();
        try {
            if (!Files.isDirectory(folder)) {
                if (POSIX) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(folder);
                }
            }
            // createTempFile makes the file rw------- on POSIX before a byte of the token is in it
            Path temp = Files.createTempFile(folder, ".credentials", ".tmp");
            try {
                Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                if (POSIX) {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                }
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNEXPECTED, "Cannot write the credentials file " + file + ": " + e.getMessage(), e);
        }
    }
}
