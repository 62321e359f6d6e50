package dev.plughub.plugin;

/**
 * Thrown by an action or message handler when the caller's input breaks the action's rules. The
 * caller gets a 422 with this message, instead of the 500 any other exception means, so say which
 * field is wrong and why ("limit must be a whole number, 0 or more").
 */
public class InvalidInputException extends IllegalArgumentException {

    public InvalidInputException(String message) {
        super(message);
    }
}
