package dev.plughub.host.messages;

import dev.plughub.plugin.MessageFailedException;

/** The target plugin is not installed, or not active, so the message was not sent at all. */
public class RecipientUnavailableException extends MessageFailedException {

    private final String pluginId;

    public RecipientUnavailableException(String pluginId) {
        super("plugin '" + pluginId + "' is not installed or not active, so it cannot take messages");
        this.pluginId = pluginId;
    }

    public String pluginId() {
        return pluginId;
    }
}
