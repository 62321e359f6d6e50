package dev.plughub.host.install;

import java.net.URI;

/** A registry the host installs from (seed 002's {@code repositories}). */
public record RegistrySource(String name, URI url, boolean enabled) {
}
