package org.plenigo.core.checkout;

/** Where a checkout order stands. */
public enum OrderStatus {
    /** Prepared and not completed: it may still be completed while it is valid. */
    OPEN,
    /** Completed: paid, and what it sells was stored. */
    COMPLETED
}
