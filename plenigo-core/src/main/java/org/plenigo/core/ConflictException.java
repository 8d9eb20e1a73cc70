package org.plenigo.core;

/**
 * The request contradicts what is stored: a duplicate id, an idempotency key reused with other
 * content, an operation that does not fit the target's state, or a lost race. Nothing was stored.
 */
public class ConflictException extends PlenigoException {
    public ConflictException(ErrorCode code, String message) {
        super(code, message);
    }
}
