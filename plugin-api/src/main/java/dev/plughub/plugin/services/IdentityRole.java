package dev.plughub.plugin.services;

import java.util.List;

/** A role in the host application's identity model, with the tags that map to it. */
public record IdentityRole(String name, String description, List<String> tags) {

    public IdentityRole {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
