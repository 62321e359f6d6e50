package dev.plughub.registry.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.http.FieldErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/**
 * What {@code POST /api/v1/plugins/upload/github} asks for (seed 000): a repository, optionally a
 * branch (else the repository's default branch) and a folder inside it (else its root).
 *
 * @param repoUrl      the repository's URL as given (checked by the outbound guard, not here)
 * @param branch       a branch name, never anything a shell or git would read as an option or expression
 * @param subdirectory the folder's path segments, none of them {@code .} or {@code ..}
 */
public record ImportRequest(String repoUrl, Optional<String> branch, List<String> subdirectory) {

    /** Characters a branch may use here: a strict subset of git's rules, so no shell or option reading exists. */
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,200}");
    private static final Pattern SEGMENT = Pattern.compile("[^\\x00-\\x1f\\x7f\\\\:*?\"<>|]{1,255}");
    private static final int MAX_URL = 2048;

    /** The folder as a git tree path ({@code plugins/my-plugin}), empty for the root. */
    public String subdirectoryPath() {
        return String.join("/", subdirectory);
    }

    /** Reads and checks the JSON body; every field at fault is reported at once (422). */
    public static ImportRequest from(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        String url = text(body, "repo_url", errors).orElse("");
        if (url.isBlank() && !errors.hasError("repo_url")) {
            errors.error("repo_url", "is required: the repository's https:// URL");
        } else if (url.length() > MAX_URL) {
            errors.error("repo_url", "must be at most " + MAX_URL + " characters");
        }
        Optional<String> branch = text(body, "branch", errors).map(String::strip).filter(b -> !b.isEmpty());
        branch.ifPresent(b -> checkBranch(b, errors));
        List<String> folder = text(body, "subdirectory", errors).map(s -> segments(s, errors)).orElse(List.of());
        errors.throwIfAny();
        return new ImportRequest(url.strip(), branch, folder);
    }

    private static void checkBranch(String branch, FieldErrors errors) {
        if (!BRANCH.matcher(branch).matches()) {
            errors.error("branch", "must be a branch name of letters, digits, '.', '_', '-' and '/' (at most 200), not '"
                    + printable(branch) + "'");
        } else if (branch.startsWith("-") || !Repository.isValidRefName("refs/heads/" + branch)) {
            errors.error("branch", "'" + branch + "' is not a valid git branch name");
        }
    }

    /** Splits a folder path; refuses absolute paths and any {@code .}/{@code ..} segment instead of resolving them. */
    private static List<String> segments(String path, FieldErrors errors) {
        String trimmed = path.strip();
        if (trimmed.isEmpty() || trimmed.equals("/") || trimmed.equals(".")) {
            return List.of();
        }
        if (trimmed.startsWith("/") || trimmed.startsWith("\\") || trimmed.matches("^[A-Za-z]:.*")) {
            errors.error("subdirectory", "must be a path relative to the repository's root, not an absolute path");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty()) {
                continue; // "a//b" and a trailing "/" mean the same folder
            }
            if (segment.equals("..") || segment.equals(".")) {
                errors.error("subdirectory", "must stay inside the repository: '.' and '..' are not allowed");
                return List.of();
            }
            if (!SEGMENT.matcher(segment).matches()) {
                errors.error("subdirectory", "holds a character that is not allowed in a folder name: '"
                        + printable(segment) + "'");
                return List.of();
            }
            out.add(segment);
        }
        return List.copyOf(out);
    }

    private static Optional<String> text(JsonNode body, String field, FieldErrors errors) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            errors.error(field, "must be a string");
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
