package dev.plughub.core.manifest;

import dev.plughub.core.PackageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Decodes manifest bytes as strict UTF-8 (a byte-order mark is dropped): malformed text is refused, never guessed. */
final class ManifestText {

    static final String UNREADABLE = dev.plughub.core.PackageRules.MANIFEST_UNREADABLE;

    private ManifestText() {
    }

    static String utf8(byte[] bytes, String fileName) {
        return tryUtf8(bytes).orElseThrow(() -> unreadable(fileName, "it is not UTF-8 text"));
    }

    static Optional<String> tryUtf8(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static PackageException unreadable(String fileName, String why) {
        return new PackageException(UNREADABLE, fileName + " cannot be read: " + why);
    }

    static PackageException unreadable(String fileName, String why, Throwable cause) {
        return new PackageException(UNREADABLE, fileName + " cannot be read: " + why, java.util.Map.of(), cause);
    }
}
