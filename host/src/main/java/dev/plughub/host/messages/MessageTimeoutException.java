package dev.plughub.host.messages;

import dev.plughub.plugin.MessageFailedException;
import java.time.Duration;

/** The recipient did not answer within the timeout; its call was interrupted and abandoned. */
public class MessageTimeoutException extends MessageFailedException {

    private final Duration timeout;

    public MessageTimeoutException(String message, Duration timeout) {
        super(message);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
