package dev.plughub.host.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The directory's JSON file: read whole, written whole through a temporary file that is synced and
 * then renamed over the old one, so a crash leaves either the old content or the new, never half.
 */
final class DirectoryFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file's content. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Content(@JsonProperty("users") List<StoredUser> users, @JsonProperty("roles") List<StoredRole> roles) {
        Content {
            users = users == null ? List.of() : List.copyOf(users);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        static Content empty() {
            return new Content(List.of(), List.of());
        }
    }

    record StoredUser(@JsonProperty("username") String username,
                      @JsonProperty("db_name") String dbName,
                      @JsonProperty("role_tag") String roleTag,
                      @JsonProperty("email") String email,
                      @JsonProperty("is_active") boolean isActive,
                      @JsonProperty("identity_tags") List<String> identityTags) {
        StoredUser {
            identityTags = identityTags == null ? List.of() : List.copyOf(identityTags);
        }
    }

    record StoredRole(@JsonProperty("name") String name,
                      @JsonProperty("description") String description,
                      @JsonProperty("tags") List<String> tags) {
        StoredRole {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    private final Path file;

    DirectoryFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * The stored content, or an empty directory when there is no file yet. A file that cannot be read
     * as a directory is an error, never silently replaced: it holds someone's users.
     */
    Content read() {
        if (!Files.exists(file)) {
            return Content.empty();
        }
        try {
            return JSON.readValue(file.toFile(), Content.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The user directory file " + file + " is not valid JSON ("
                    + e.getOriginalMessage() + "); fix or move it away, it is never overwritten", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the user directory file " + file, e);
        }
    }

    void write(Content content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
            try {
                byte[] bytes = JSON.writeValueAsBytes(content);
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    out.write(ByteBuffer.wrap(bytes));
                    out.force(true);
                }
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the user directory file " + file, e);
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
