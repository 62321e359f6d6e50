package dev.plughub.client;

/** The registry could not be reached, or the connection broke before an answer arrived. */
public final class RegistryUnreachableException extends PlughubClientException {

    public RegistryUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
