package org.plenigo.core.access;

import java.util.List;
import org.plenigo.core.Require;
import org.plenigo.core.customer.Customer;

/** A customer and the items of it that matter for one access check. */
public record CustomerAccess(Customer customer, List<AccessRightItem> items) {
    public CustomerAccess {
        Require.notNull(customer, "customerAccess.customer");
        items = List.copyOf(Require.notNull(items, "customerAccess.items"));
    }
}
