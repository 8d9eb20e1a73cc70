package org.plenigo.store.tck;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemRepository;
import org.plenigo.core.access.CheckItems;
import org.plenigo.core.access.CustomerStanding;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;

/**
 * What {@link AccessRightItemRepository#findForCheck} answered, as a value to compare: all of it
 * but the customer's record, which a store may hand over or not.
 *
 * @param standing what it answered of the customer
 * @param items    the items it answered, in order
 */
public record ForCheck(CustomerStanding standing, List<CheckItems.Item> items) {
    /** The answer for an unknown customer: no items. */
    public static final ForCheck UNKNOWN = new ForCheck(CustomerStanding.UNKNOWN, List.of());

    /** The answer expected for {@code customer} holding {@code items} (in the order answered). */
    public static ForCheck of(Customer customer, AccessRightItem... items) {
        return new ForCheck(customer.blocked() ? CustomerStanding.BLOCKED : CustomerStanding.ACTIVE,
                Arrays.stream(items).map(CheckItems.Item::of).toList());
    }

    /**
     * Calls {@code findForCheck} as it stands (the caller decides inside what) and keeps what it
     * answered; a customer's record it hands over must be that of {@code customerId}.
     */
    public static ForCheck read(AccessRightItemRepository items, CustomerId customerId,
                                Collection<AccessRightId> accessRights, Collection<ContentId> contents, Instant at) {
        CheckItems read = items.findForCheck(customerId, accessRights, contents, at);
        read.customer().filter(customer -> !customer.id().equals(customerId)).ifPresent(customer -> {
            throw new AssertionError("handed over " + customer + " for " + customerId);
        });
        return new ForCheck(read.standing(), read.items());
    }
}
