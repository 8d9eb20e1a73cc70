package org.plenigo.core;

/** Bad input: the message names the field and the offending value. Nothing was stored. */
public class ValidationException extends PlenigoException {
    public ValidationException(String message) {
        super(ErrorCode.INVALID_INPUT, message);
    }

    public ValidationException(ErrorCode code, String message) {
        super(code, message);
    }
}
