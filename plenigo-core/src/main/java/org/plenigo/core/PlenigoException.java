package org.plenigo.core;

import java.util.Objects;

/**
 * Root of all exceptions thrown by plenigo: misuse (bad input, unknown ids, conflicts) and faults
 * (storage). Expected business outcomes such as "insufficient credits" are returned as values, never thrown.
 */
public class PlenigoException extends RuntimeException {
    private final ErrorCode code;

    public PlenigoException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public PlenigoException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable code of this failure. */
    public ErrorCode code() {
        return code;
    }
}
