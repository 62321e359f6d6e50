package dev.plughub.client;

/**
 * Why a call to the registry did not succeed. The cases are closed: the registry refused the request
 * ({@link RegistryException}), the registry could not be reached or stopped answering
 * ({@link RegistryUnreachableException}), a download's bytes did not match their checksum
 * ({@link ChecksumMismatchException}), or a file on this machine could not be read or written
 * ({@link LocalFileException}).
 */
public abstract sealed class PlughubClientException extends RuntimeException
        permits RegistryException, RegistryUnreachableException, ChecksumMismatchException, LocalFileException {

    PlughubClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
