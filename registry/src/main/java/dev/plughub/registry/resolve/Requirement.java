package dev.plughub.registry.resolve;

import dev.plughub.core.version.VersionRange;

/**
 * One demand on a plugin's version: from the request ({@link #BY_REQUEST}) or from a chosen release's
 * dependencies ({@code requiredBy} = {@code id@version}). An optional dependency constrains the
 * plugin only if something else brings it into the plan.
 */
public record Requirement(String pluginId, VersionRange range, String requiredBy, boolean optional) {

    /** The {@code required_by} of what the client asked for. */
    public static final String BY_REQUEST = "request";
}
