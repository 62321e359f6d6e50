package dev.plughub.host.config;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

/** One schema violation as an operator reads it: the field's JSON path and a sentence. */
record FieldError(String path, String sentence) {

    static final String ROOT = "$";

    static FieldError of(Error error) {
        String path = path(error.getInstanceLocation());
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && error.getProperty() != null) {
            path = ROOT.equals(path) ? error.getProperty() : path + "." + error.getProperty();
        }
        return new FieldError(path, sentence(keyword, error));
    }

    private static String sentence(String keyword, Error error) {
        Object[] args = error.getArguments() == null ? new Object[0] : error.getArguments();
        return switch (keyword) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a setting this plugin knows";
            case "maximum" -> "must be at most " + arg(args, 0);
            case "minimum" -> "must be at least " + arg(args, 0);
            case "exclusiveMaximum" -> "must be less than " + arg(args, 0);
            case "exclusiveMinimum" -> "must be greater than " + arg(args, 0);
            case "maxLength" -> "must be at most " + arg(args, 0) + " characters long";
            case "minLength" -> "must be at least " + arg(args, 0) + " characters long";
            case "type" -> "must be " + article(String.valueOf(arg(args, 1))) + ", not " + article(String.valueOf(arg(args, 0)));
            case "enum" -> "must be one of " + arg(args, 0);
            case "const" -> "must be " + arg(args, 0);
            case "pattern" -> "must match the pattern " + arg(args, 0);
            default -> withoutLocation(error.getMessage());
        };
    }

    private static Object arg(Object[] args, int index) {
        return index < args.length ? args[index] : "?";
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "object", "array" -> "an " + type;
            case "string", "number", "boolean" -> "a " + type;
            case "null" -> "null";
            default -> type;
        };
    }

    /** The library's own sentence, without the location it starts with (we key by path instead). */
    private static String withoutLocation(String message) {
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
    }

    private static String path(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Number index) {
                path.append('[').append(index).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(element);
            }
        }
        return path.isEmpty() ? ROOT : path.toString();
    }
}
