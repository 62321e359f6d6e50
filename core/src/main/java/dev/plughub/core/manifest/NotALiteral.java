package dev.plughub.core.manifest;

/** A {@code PLUGIN_*} value that is not a Python literal; its message completes "PLUGIN_X ...". */
final class NotALiteral extends RuntimeException {

    NotALiteral(String message) {
        super(message, null, false, false);
    }
}
