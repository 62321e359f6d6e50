/**
 * The contract between a plugin and the Plughub host: what a plugin author implements
 * ({@link dev.plughub.plugin.Plugin}) and everything the plugin sees of the host
 * ({@link dev.plughub.plugin.PluginContext}).
 *
 * <p>JSON values cross this boundary as plain Java: {@code Map<String, Object>} for objects,
 * {@code List<Object>} for arrays, {@code String}, {@code Number}, {@code Boolean} and
 * {@code null}. The module has no third-party dependencies, so a plugin never depends on the
 * host's choice of JSON library.
 */
package dev.plughub.plugin;
