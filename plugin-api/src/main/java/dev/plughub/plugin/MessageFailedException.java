package dev.plughub.plugin;

/** A message could not be answered: the target is missing, not active, threw, or timed out. */
public class MessageFailedException extends RuntimeException {

    public MessageFailedException(String message) {
        super(message);
    }

    public MessageFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
