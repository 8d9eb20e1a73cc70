package org.plenigo.core;

/** A referenced entity does not exist. Nothing was stored. */
public class NotFoundException extends PlenigoException {
    public NotFoundException(String what, Object id) {
        super(ErrorCode.NOT_FOUND, what + " '" + id + "' does not exist");
    }
}
