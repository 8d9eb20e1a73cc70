package org.plenigo.core.access;

import org.plenigo.core.Require;

/** Identifier of an {@link AccessRightItem}. */
public record AccessRightItemId(String value) {
    public AccessRightItemId {
        Require.id(value, "accessRightItemId");
    }

    public static AccessRightItemId of(String value) {
        return new AccessRightItemId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
