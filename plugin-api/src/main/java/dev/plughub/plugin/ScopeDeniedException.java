package dev.plughub.plugin;

/** A plugin called something outside the scopes it was granted. The host logs every refusal. */
public class ScopeDeniedException extends SecurityException {

    private final String scope;

    public ScopeDeniedException(String pluginId, String scope, String operation) {
        super("plugin " + pluginId + " may not " + operation + ": scope " + scope + " is not granted");
        this.scope = scope;
    }

    public String scope() {
        return scope;
    }
}
