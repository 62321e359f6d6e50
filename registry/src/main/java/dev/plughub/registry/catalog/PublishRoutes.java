package dev.plughub.registry.catalog;

import dev.plughub.core.checksum.Sha256;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.catalog.CatalogViews.Published;
import dev.plughub.registry.catalog.CatalogViews.ZipPlugin;
import dev.plughub.registry.catalog.CatalogViews.ZipUploadAnswer;
import dev.plughub.registry.catalog.PublishOutcome.Accepted;
import dev.plughub.registry.catalog.PublishOutcome.Rejected;
import dev.plughub.registry.http.ApiException;
import dev.plughub.registry.http.Envelope;
import dev.plughub.registry.http.ErrorCode;
import dev.plughub.registry.http.ForbiddenText;
import dev.plughub.registry.http.HttpErrors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The publish routes — {@code upload} (seed 001), {@code upload/zip} (seed 000), {@code publish}
 * (seed 003) and, in development mode only, {@code upload-temp} — all in front of one
 * {@link PublishService}. They differ only in the multipart field that carries the package, who
 * may call them, and the shape of the 201 answer.
 */
public final class PublishRoutes {

    public static final String UPLOAD = "/api/v1/plugins/upload";
    public static final String UPLOAD_ZIP = "/api/v1/plugins/upload/zip";
    public static final String PUBLISH = "/api/v1/plugins/publish";
    public static final String UPLOAD_TEMP = "/api/v1/plugins/upload-temp";

    /** Room for the multipart framing and the small form fields beside the package. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;
    /** The longest changelog accepted beside a package, in characters. */
    public static final int MAX_CHANGELOG = 10_000;
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    /** The form fields read beside the package. */
    private static final List<String> TEXT_FIELDS = List.of("sha256", "checksum", "changelog");

    private final PublishService service;
    private final PublishAccess access;
    private final long maxPackageBytes;
    private final boolean dev;
    private final Path uploadDir;

    public PublishRoutes(PublishService service, PublishAccess access, long maxPackageBytes, boolean dev,
                         Path uploadDir) {
        this.service = service;
        this.access = access;
        this.maxPackageBytes = maxPackageBytes;
        this.dev = dev;
        this.uploadDir = uploadDir;
    }

    public void register(RoutesConfig routes) {
        // The size check runs first in each handler rather than as before-handlers: Javalin reads no
        // body until asked, so it still answers before a byte is read, and before-handlers are
        // matched against every request the server gets (a tenth of a cached read's time).
        routes.post(UPLOAD, ctx -> answer(ctx, publish(ctx, List.of("plugin_file"), "upload")));
        routes.post(PUBLISH, ctx -> answer(ctx, publish(ctx, List.of("plugin_file", "file", "package"), "publish")));
        routes.post(UPLOAD_TEMP, ctx -> answer(ctx, publish(ctx, List.of("plugin_file"), "upload_temp")));
        routes.post(UPLOAD_ZIP, ctx -> {
            Accepted accepted = publish(ctx, List.of("file"), "zip_upload");
            Published p = accepted.version();
            ctx.status(HttpStatus.CREATED).json(new ZipUploadAnswer(true, p.id(), "Plugin " + p.name() + " uploaded successfully",
                    new ZipPlugin(p.id(), p.name(), p.version(), accepted.source()), p));
        });
    }

    /** A body the Content-Length says is too large is refused before a byte of it is read. */
    private void refuseOversized(Context ctx) {
        if (ctx.path().equals(UPLOAD_TEMP) && !dev) {
            throw notFound(ctx);
        }
        long length = ctx.req().getContentLengthLong();
        if (length > maxPackageBytes + MULTIPART_OVERHEAD) {
            throw tooLarge("The request body is " + length + " bytes");
        }
    }

    private Accepted publish(Context ctx, List<String> fileFields, String source) throws ServletException {
        refuseOversized(ctx);   // upload-temp outside development mode is a 404 there
        Optional<Principal> principal = access.publisher(ctx);
        if (!ctx.isMultipartFormData()) {
            throw ApiException.badRequest("Expected a multipart/form-data body with the package in the field '"
                    + fileFields.getFirst() + "'");
        }
        Map<String, Part> parts;
        try {
            parts = parts(ctx, fileFields);
        } catch (ServletException e) {
            if (HttpErrors.isSizeLimit(e)) {   // a body without a declared length, stopped by the multipart limits
                throw tooLarge("The package is larger than this registry accepts");
            }
            throw e;
        }
        List<String> given = fileFields.stream().filter(parts::containsKey).toList();
        if (given.isEmpty()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The multipart field '" + fileFields.getFirst()
                    + "' with the package file is missing", Map.of("field", fileFields.getFirst()));
        }
        if (given.size() > 1) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The package came in both '" + given.get(0) + "' and '"
                    + given.get(1) + "'; send one package per request, in one field", Map.of("field", given.get(1)));
        }
        Part file = parts.get(given.getFirst());
        Optional<String> sha256 = checksum(parts);
        Optional<String> changelog = changelog(parts);
        if (file.getSize() > maxPackageBytes) {
            throw tooLarge("The package is " + file.getSize() + " bytes");
        }
        Path temp = uploadDir.resolve("upload-" + UUID.randomUUID() + ".pkg");
        try {
            file.write(temp.toString());
            PublishOutcome outcome = service.publish(new PublishRequest(temp,
                    Optional.ofNullable(file.getSubmittedFileName()), principal, sha256, changelog, source));
            return switch (outcome) {
                case Accepted a -> a;
                case Rejected r -> throw r.toException();
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the uploaded package", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the start-up sweep empties the upload folder
            }
        }
    }

    private void answer(Context ctx, Accepted accepted) {
        ctx.status(HttpStatus.CREATED).json(Envelope.of("Plugin uploaded successfully", accepted.version()));
    }

    /**
     * The parts by name; multipart limits hit while reading are a ServletException, answered 413 by
     * HttpErrors. A field this route reads may come only once: which of two packages or checksums was
     * meant is not for the registry to guess.
     */
    private static Map<String, Part> parts(Context ctx, List<String> fileFields) throws ServletException {
        try {
            // Javalin hands Jetty the multipart limits configured in RegistryServer when it first parses the body.
            ctx.uploadedFileMap();
            Map<String, Part> parts = new LinkedHashMap<>();
            for (Part part : ctx.req().getParts()) {
                String name = part.getName();
                if (parts.putIfAbsent(name, part) != null && (fileFields.contains(name) || TEXT_FIELDS.contains(name))) {
                    throw new ApiException(ErrorCode.BAD_REQUEST, "The multipart field '" + name
                            + "' is sent more than once; send it once", Map.of("field", name));
                }
            }
            return parts;
        } catch (IOException e) {
            throw ApiException.badRequest("The multipart body could not be read: " + e.getMessage());
        }
    }

    private static Optional<String> checksum(Map<String, Part> parts) {
        if (parts.containsKey("sha256") && parts.containsKey("checksum")) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The checksum came in both 'sha256' and 'checksum'; send it in one",
                    Map.of("field", "checksum"));
        }
        Optional<String> given = field(parts, "sha256").or(() -> field(parts, "checksum"));
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String hex = given.get().strip().toLowerCase(Locale.ROOT);
        if (hex.startsWith(Sha256.PREFIX)) {
            hex = hex.substring(Sha256.PREFIX.length());
        }
        if (!Sha256.isHex(hex)) {
            throw ApiException.validation(Map.of(parts.containsKey("sha256") ? "sha256" : "checksum",
                    List.of("must be 64 hexadecimal characters, optionally prefixed with 'sha256:'")));
        }
        return Optional.of(hex);
    }

    private static Optional<String> changelog(Map<String, Part> parts) {
        Optional<String> changelog = field(parts, "changelog").filter(c -> !c.isBlank());
        if (changelog.isPresent() && changelog.get().codePointCount(0, changelog.get().length()) > MAX_CHANGELOG) {
            throw ApiException.validation(Map.of("changelog", List.of("must be at most " + MAX_CHANGELOG + " characters")));
        }
        return changelog;
    }

    private static Optional<String> field(Map<String, Part> parts, String name) {
        Part part = parts.get(name);
        if (part == null) {
            return Optional.empty();
        }
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (bytes.length > MAX_FIELD_BYTES) {
                throw ApiException.validation(Map.of(name, List.of("must be at most " + MAX_FIELD_BYTES + " bytes")));
            }
            return Optional.of(ForbiddenText.check(name, new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw ApiException.badRequest("The multipart field '" + name + "' could not be read");
        }
    }

    /** @param what what was too large, a sentence without its end: "The package is 2097152 bytes" */
    private ApiException tooLarge(String what) {
        return new ApiException(ErrorCode.PACKAGE_TOO_LARGE, what + "; packages may be at most " + maxPackageBytes
                + " bytes (PLUGHUB_MAX_PACKAGE_MB)", Map.of("max_bytes", maxPackageBytes));
    }

    private static ApiException notFound(Context ctx) {
        return new ApiException(ErrorCode.NOT_FOUND, "No such endpoint: " + ctx.method() + " " + ctx.path());
    }
}
