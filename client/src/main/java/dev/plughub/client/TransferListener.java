package dev.plughub.client;

/** Hears how far an upload or download has got. Called on the transferring thread. */
public interface TransferListener {

    TransferListener NONE = new TransferListener() {
        @Override
        public void transferred(long bytes) {
        }
    };

    /** The transfer begins; {@code totalBytes} is -1 when the size is not known in advance. */
    default void started(long totalBytes) {
    }

    /** {@code bytes} have been transferred so far (a running total, never decreasing). */
    void transferred(long bytes);

    /** The transfer ended, whether it succeeded or not. */
    default void finished() {
    }
}
