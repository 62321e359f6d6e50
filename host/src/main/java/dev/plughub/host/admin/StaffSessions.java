package dev.plughub.host.admin;

import java.util.Optional;

/**
 * Answers whether a session cookie's value is the session of a staff member, so that people logged
 * in to the application embedding the host (seed 004's {@code nebula_session}) can manage plugins
 * without a token. The host knows nothing of users; the embedding application decides who is staff.
 */
@FunctionalInterface
public interface StaffSessions {

    /** The staff member's name when {@code sessionSecret} is a live staff session, else empty. */
    Optional<String> staffName(String sessionSecret);

    /** No sessions at all: only tokens open the admin API. */
    static StaffSessions none() {
        return secret -> Optional.empty();
    }
}
