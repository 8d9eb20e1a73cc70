package org.plenigo.core.access;

/** What {@link AccessRightItemRepository#findForCheck} found of the customer of an access check. */
public enum CustomerStanding {
    /** No such customer. */
    UNKNOWN,
    /** The customer exists and is blocked. */
    BLOCKED,
    /** The customer exists and is not blocked. */
    ACTIVE
}
