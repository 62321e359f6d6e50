package dev.plughub.client;

/**
 * Why a call to the registry did not succeed. The cases are closed: the registry refused the request
 * ({@link RegistryException}), the registry could not be reached ({@link RegistryUnreachableException}),
 * or a download's bytes did not match their checksum ({@link ChecksumMismatchException}).
 */
public abstract sealed class PlughubClientException extends RuntimeException
        permits RegistryException, RegistryUnreachableException, ChecksumMismatchException {

    PlughubClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
