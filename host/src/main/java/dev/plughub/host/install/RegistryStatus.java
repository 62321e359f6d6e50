package dev.plughub.host.install;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A registry the host installs from, as it answered just now (seed 002's {@code repositories} with
 * {@code plugin_count} and {@code last_sync}).
 *
 * @param pluginCount how many plugins it lists; empty when it did not answer
 * @param lastSync    when the host last had an answer from it (this one, when it answered)
 * @param error       why it did not answer; empty when it did
 */
public record RegistryStatus(RegistrySource source, OptionalLong pluginCount, Optional<Instant> lastSync,
                             Optional<String> error) {
}
