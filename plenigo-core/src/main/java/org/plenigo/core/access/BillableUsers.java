package org.plenigo.core.access;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.customer.CustomerId;

/**
 * The licence metric: how many distinct customers held at least one access right item whose
 * lifetime overlaps the month (in the publisher's time zone), blocked or not.
 *
 * @param customers the customers, by id, when asked for
 */
public record BillableUsers(YearMonth month, long count, Optional<List<CustomerId>> customers) {
    public BillableUsers {
        Require.notNull(month, "month");
        Require.notNegative(count, "count");
        Require.notNull(customers, "customers");
        customers = customers.map(List::copyOf);
        Require.that(customers.isEmpty() || customers.get().size() == count, "customers must hold count entries");
    }
}
