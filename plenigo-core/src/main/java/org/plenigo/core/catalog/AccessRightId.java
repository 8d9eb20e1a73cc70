package org.plenigo.core.catalog;

import org.plenigo.core.Require;

/** Identifier of an access right such as {@code premium} or {@code epaper}. */
public record AccessRightId(String value) {
    public AccessRightId {
        Require.id(value, "accessRightId");
    }

    public static AccessRightId of(String value) {
        return new AccessRightId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
