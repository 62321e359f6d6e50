package dev.plughub.core.version;

/** A text that is not a SemVer 2.0 version or not an npm-style version range. */
public class InvalidVersionException extends IllegalArgumentException {
    public InvalidVersionException(String message) {
        super(message);
    }
}
