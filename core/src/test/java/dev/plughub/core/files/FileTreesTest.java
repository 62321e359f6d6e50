package dev.plughub.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    @Test
    void deletes_a_folder_with_everything_below_it() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/a/b"));
        Files.writeString(root.resolve("file.txt"), "x");
        Files.writeString(dir.resolve("root/top.txt"), "y");

        FileTrees.delete(dir.resolve("root"));

        assertThat(dir.resolve("root")).doesNotExist();
    }

    @Test
    void a_folder_that_does_not_exist_is_already_deleted() {
        assertThatCode(() -> FileTrees.delete(dir.resolve("never-made"))).doesNotThrowAnyException();
    }

    @Test
    void removes_a_link_inside_without_touching_what_it_points_at() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "keep");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("link"), outside);

        FileTrees.delete(root);

        assertThat(root).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("keep");
    }
}
