package dev.plughub.client;

import java.nio.file.Path;

/**
 * A package saved to disk.
 *
 * @param path     where it was saved
 * @param fileName the name the registry gave it ({@code {id}-{version}.{ext}})
 * @param size     its size in bytes
 * @param sha256   the SHA-256 (hex) of the bytes written
 * @param verified whether the registry announced a checksum and the bytes matched it
 */
public record Downloaded(Path path, String fileName, long size, String sha256, boolean verified) {
}
