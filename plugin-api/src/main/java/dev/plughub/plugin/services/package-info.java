/**
 * Host services whose interfaces every Plughub host knows, so plugins can rely on them. The host
 * decides whether to offer each one; the embedding application provides the implementation.
 */
package dev.plughub.plugin.services;
