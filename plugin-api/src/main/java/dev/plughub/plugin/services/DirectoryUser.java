package dev.plughub.plugin.services;

/** A user of the host application's user directory (seed 004's user fields). */
public record DirectoryUser(String username, String dbName, String roleTag, String email, boolean active) {
}
