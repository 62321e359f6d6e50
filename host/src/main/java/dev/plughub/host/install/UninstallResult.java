package dev.plughub.host.install;

import java.time.Instant;
import java.util.Optional;

/** Seed 002's {@code uninstallation}. */
public record UninstallResult(String pluginId, String status, boolean backupCreated, Optional<String> backupId,
                              boolean dataRemoved, Instant uninstalledAt) {
}
