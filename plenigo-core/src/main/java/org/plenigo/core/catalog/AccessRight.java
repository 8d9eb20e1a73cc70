package org.plenigo.core.catalog;

import org.plenigo.core.Require;

/** A named right (such as {@code premium}) that content requires and that offers grant. */
public record AccessRight(AccessRightId id, String title) {
    public AccessRight {
        Require.notNull(id, "accessRight.id");
        Require.maxLength(Require.notBlank(title, "accessRight.title"), 200, "accessRight.title");
    }
}
