package dev.plughub.cli;

import dev.plughub.client.RegistryException;
import dev.plughub.core.version.Version;
import java.util.Optional;

/** {@code ID[@VERSION]} as the command line names a plugin or one of its versions. */
record PluginRef(String id, Optional<String> version) {

    static PluginRef parse(String text) {
        String value = text.trim();
        int at = value.indexOf('@');
        if (at < 0) {
            return new PluginRef(value, Optional.empty());
        }
        String id = value.substring(0, at);
        String version = value.substring(at + 1);
        if (id.isEmpty() || version.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "Name a plugin as ID or ID@VERSION, not '" + text + "'");
        }
        if (!version.equalsIgnoreCase("latest")) {
            try {
                Version.parse(version);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "'" + version + "' in '" + text + "' is not a version: "
                        + e.getMessage() + " (name one exactly, as in " + id + "@1.2.3, or " + id + "@latest)");
            }
        }
        return new PluginRef(id, Optional.of(version));
    }

    /**
     * The registry's "not found" with what was asked for added when its sentence does not name it
     * ({@code Plugin not found: my-plugin@1.2.0}); any other failure as it is.
     */
    RegistryException named(RegistryException e) {
        if (e.status() != 404 || e.getMessage().contains(id)) {
            return e;
        }
        return new RegistryException(e.status(), e.code(), e.getMessage().strip().replaceFirst("[.!]$", "") + ": " + this,
                e.details());
    }

    @Override
    public String toString() {
        return id + version.map(v -> "@" + v).orElse("");
    }
}
