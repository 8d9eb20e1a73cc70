package org.plenigo.core;

/** The store failed; the unit of work was rolled back. */
public class StorageException extends PlenigoException {
    public StorageException(String message, Throwable cause) {
        super(ErrorCode.STORAGE_FAILURE, message, cause);
    }
}
