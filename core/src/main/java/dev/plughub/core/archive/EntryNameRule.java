package dev.plughub.core.archive;

import dev.plughub.core.PackageException;
import dev.plughub.core.PackageRules;

/**
 * Checks an archive entry name and gives back its safe, relative form: a leading {@code ./} (as tar
 * writes) and a trailing {@code /} (a folder) are dropped; {@code ..}, {@code .} and empty segments,
 * absolute paths, drive letters and colons, backslashes and control characters are refused, so no
 * name can point outside the folder a package is extracted into, on any operating system; and a
 * file or folder name longer than {@link ArchiveLimits#MAX_SEGMENT_BYTES} is refused, so every
 * accepted package can be extracted.
 */
final class EntryNameRule {

    private EntryNameRule() {
    }

    /** The relative name, or empty text for the root folder itself ({@code ./}). */
    static String check(String rawName, ArchiveLimits limits) {
        if (rawName == null || rawName.isEmpty()) {
            throw unsafe("", "it is empty");
        }
        if (rawName.length() > limits.maxNameLength()) {
            throw new PackageException(PackageRules.ENTRY_NAME_TOO_LONG, "entry '" + shown(rawName) + "' has a name of "
                    + rawName.length() + " characters; at most " + limits.maxNameLength() + " are allowed");
        }
        for (int i = 0; i < rawName.length(); i++) {
            char c = rawName.charAt(i);
            if (c == 0) {
                throw unsafe(rawName, "it contains a NUL character");
            }
            if (Character.isISOControl(c)) {
                throw unsafe(rawName, "it contains a control character");
            }
            if (c == '\\') {
                throw unsafe(rawName, "it contains a backslash");
            }
            if (c == ':') {
                throw unsafe(rawName, "it contains a colon (a drive letter or an alternate data stream on Windows)");
            }
        }
        if (rawName.startsWith("/")) {
            throw unsafe(rawName, "it is an absolute path");
        }
        String name = rawName;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.equals(".")) {
            return "";
        }
        String[] segments = name.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw unsafe(rawName, "it has an empty segment ('//')");
            }
            if (segment.equals("..")) {
                throw unsafe(rawName, "it has a '..' segment, which escapes the package folder");
            }
            if (segment.equals(".")) {
                throw unsafe(rawName, "it has a '.' segment");
            }
            int bytes = utf8Length(segment);
            if (bytes > ArchiveLimits.MAX_SEGMENT_BYTES) {
                throw new PackageException(PackageRules.ENTRY_NAME_TOO_LONG, "entry '" + shown(rawName)
                        + "' has a file or folder name of " + bytes + " UTF-8 bytes; file systems take names (the parts"
                        + " between slashes) of at most " + ArchiveLimits.MAX_SEGMENT_BYTES + " bytes");
            }
        }
        if (segments.length > limits.maxDepth()) {
            throw new PackageException(PackageRules.ENTRY_TOO_DEEP, "entry '" + shown(rawName) + "' is " + segments.length
                    + " levels deep; at most " + limits.maxDepth() + " are allowed");
        }
        return name;
    }

    /** The length of {@code text} in UTF-8, counted without encoding it (an unpaired surrogate as the '?' it becomes). */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    static PackageException unsafe(String name, String why) {
        return new PackageException(PackageRules.ENTRY_NAME_UNSAFE, "entry '" + shown(name) + "' is refused: " + why);
    }

    /** A name as it may appear in a message: control characters replaced, at most 100 characters. */
    static String shown(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(100).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return name.codePointCount(0, name.length()) > 100 ? shown + "…" : shown.toString();
    }
}
