package dev.plughub.plugin;

/** A live subscription; closing it stops delivery. The host closes all of a plugin's on stop. */
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
