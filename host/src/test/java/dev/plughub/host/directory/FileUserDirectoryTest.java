package dev.plughub.host.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plughub.plugin.services.DirectoryUser;
import dev.plughub.plugin.services.IdentityRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUserDirectoryTest {

    @TempDir
    Path dir;

    private static final DirectoryUser JOHN = new DirectoryUser("john.doe", "system.db", "developer", "john@example.com", true);

    @Test
    void keeps_users_tags_and_roles_across_reopening() throws Exception {
        Path file = dir.resolve("users.json");
        FileUserDirectory directory = FileUserDirectory.open(file);
        directory.syncUser(JOHN);
        directory.setIdentityTag("john.doe", "team-a");
        directory.upsertIdentityRole(new IdentityRole("developer", "Writes code", List.of("team-a")));

        FileUserDirectory reopened = FileUserDirectory.open(file);

        assertThat(reopened.findUser("john.doe")).contains(JOHN);
        assertThat(reopened.identityTags("john.doe")).containsExactly("team-a");
        assertThat(reopened.listIdentityRoles()).containsExactly(new IdentityRole("developer", "Writes code", List.of("team-a")));
        assertThat(Files.readString(file)).contains("\"is_active\"").contains("\"db_name\"");
    }

    @Test
    void says_whether_a_sync_changed_anything() {
        FileUserDirectory directory = FileUserDirectory.open(dir.resolve("users.json"));

        assertThat(directory.syncUser(JOHN)).isTrue();
        assertThat(directory.syncUser(JOHN)).isFalse();
        assertThat(directory.syncUser(new DirectoryUser("john.doe", "system.db", "admin", "john@example.com", true))).isTrue();
        assertThat(directory.findUser("john.doe")).map(DirectoryUser::roleTag).contains("admin");
    }

    @Test
    void a_sync_keeps_the_identity_tags_the_user_already_has() {
        FileUserDirectory directory = FileUserDirectory.open(dir.resolve("users.json"));
        directory.syncUser(JOHN);
        directory.setIdentityTag("john.doe", "team-a");

        directory.syncUser(new DirectoryUser("john.doe", "system.db", "admin", "john@example.com", false));

        assertThat(directory.identityTags("john.doe")).containsExactly("team-a");
    }

    @Test
    void lists_at_most_the_limit_and_zero_means_all() {
        FileUserDirectory directory = FileUserDirectory.open(dir.resolve("users.json"));
        directory.syncUser(JOHN);
        directory.syncUser(new DirectoryUser("jane", "", "", "", true));

        assertThat(directory.listUsers(1)).extracting(DirectoryUser::username).containsExactly("john.doe");
        assertThat(directory.listUsers(0)).hasSize(2);
    }

    @Test
    void refuses_a_user_without_a_name_and_a_tag_for_an_unknown_user() {
        FileUserDirectory directory = FileUserDirectory.open(dir.resolve("users.json"));

        assertThatThrownBy(() -> directory.syncUser(new DirectoryUser(" ", "", "", "", true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username");
        assertThatThrownBy(() -> directory.setIdentityTag("nobody", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody");
    }

    @Test
    void refuses_a_corrupt_file_and_leaves_it_as_it_was() throws Exception {
        Path file = dir.resolve("users.json");
        Files.writeString(file, "{\"users\": [ not json");

        assertThatThrownBy(() -> FileUserDirectory.open(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("never overwritten");
        assertThat(Files.readString(file)).isEqualTo("{\"users\": [ not json");
    }

    @Test
    void leaves_no_temporary_files_behind() throws Exception {
        FileUserDirectory directory = FileUserDirectory.open(dir.resolve("users.json"));
        directory.syncUser(JOHN);
        directory.syncUser(new DirectoryUser("jane", "", "", "", true));

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("users.json");
        }
    }
}
