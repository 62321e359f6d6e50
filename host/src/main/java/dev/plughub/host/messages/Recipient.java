package dev.plughub.host.messages;

import dev.plughub.plugin.Message;
import java.util.Map;

/** An active plugin that can be sent messages (the runtime hands the message to its {@code onMessage}). */
public interface Recipient {

    /** Delivers and returns the reply (a JSON object); may block, is interrupted at the deadline. */
    Map<String, Object> deliver(Message message) throws Exception;

    /** The plugin's manifest category, which broadcasts select on; empty when it has none. */
    default String category() {
        return "";
    }
}
