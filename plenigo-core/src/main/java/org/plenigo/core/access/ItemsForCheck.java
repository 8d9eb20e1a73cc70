package org.plenigo.core.access;

import org.plenigo.core.customer.Customer;

/**
 * Takes what a store reads for one access check ({@link AccessRightItemRepository#findForCheck}),
 * reduced to what the decision needs, so that a store can answer from primitives it keeps without
 * building an {@link AccessRightItem} per item or reading the customer's record.
 */
public interface ItemsForCheck {
    /**
     * One item, its instants in microseconds since the epoch ({@link org.plenigo.core.time.Micros}).
     *
     * @param endMicros {@link org.plenigo.core.time.Micros#NEVER} for an item without an end
     * @return whether a later item can still change the decision; when false, the store stops
     */
    boolean add(AccessSource source, long startMicros, long endMicros, boolean blocked);

    /**
     * The customer's record, from a store that read it anyway (a database reads it in the same
     * statement): a check that needs it later (for a sponsor grant by email domain) then does not
     * read it again. A store that keeps the standing apart from the record need not call it.
     */
    default void customer(Customer customer) {
    }
}
