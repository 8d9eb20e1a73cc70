package org.plenigo.store.tck;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemRepository;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.access.CustomerStanding;
import org.plenigo.core.access.ItemsForCheck;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.time.Micros;

/**
 * What {@link AccessRightItemRepository#findForCheck} answered and passed on, as a value to compare.
 *
 * @param standing what it answered of the customer
 * @param items    the items it passed, in order
 */
public record ForCheck(CustomerStanding standing, List<Passed> items) {
    /** The answer for an unknown customer: nothing passed. */
    public static final ForCheck UNKNOWN = new ForCheck(CustomerStanding.UNKNOWN, List.of());

    /** One item as passed to {@link ItemsForCheck#add}. */
    public record Passed(AccessSource source, Instant startsAt, Optional<Instant> endsAt, boolean blocked) {
        public static Passed of(AccessRightItem item) {
            return new Passed(item.source(), item.startsAt(), item.endsAt(), item.blocked());
        }
    }

    /** The answer expected for {@code customer} holding {@code items} (in the order to be passed). */
    public static ForCheck of(Customer customer, AccessRightItem... items) {
        return new ForCheck(customer.blocked() ? CustomerStanding.BLOCKED : CustomerStanding.ACTIVE,
                Arrays.stream(items).map(Passed::of).toList());
    }

    /**
     * Calls {@code findForCheck} as it stands (the caller decides inside what) and collects what it
     * passes, answering true to the first {@code wanted} items and false to the one after.
     */
    public static ForCheck read(AccessRightItemRepository items, CustomerId customerId,
                                Collection<AccessRightId> accessRights, Collection<ContentId> contents, Instant at,
                                int wanted) {
        List<Passed> passed = new ArrayList<>();
        List<Customer> handedOver = new ArrayList<>();
        CustomerStanding standing = items.findForCheck(customerId, accessRights, contents, Micros.of(at),
                new ItemsForCheck() {
                    @Override
                    public boolean add(AccessSource source, long start, long end, boolean blocked) {
                        passed.add(new Passed(source, Micros.toInstant(start),
                                end == Micros.NEVER ? Optional.empty() : Optional.of(Micros.toInstant(end)), blocked));
                        return passed.size() <= wanted;
                    }

                    @Override
                    public void customer(Customer customer) {
                        handedOver.add(customer);
                    }
                });
        // a record handed over must be the customer's, as the standing says
        for (Customer customer : handedOver) {
            if (!customer.id().equals(customerId) || standing == CustomerStanding.UNKNOWN
                    || customer.blocked() != (standing == CustomerStanding.BLOCKED)) {
                throw new AssertionError("handed over " + customer + " for " + customerId + ", " + standing);
            }
        }
        return new ForCheck(standing, List.copyOf(passed));
    }

    /** {@link #read(AccessRightItemRepository, CustomerId, Collection, Collection, Instant, int)}, wanting every item. */
    public static ForCheck read(AccessRightItemRepository items, CustomerId customerId,
                                Collection<AccessRightId> accessRights, Collection<ContentId> contents, Instant at) {
        return read(items, customerId, accessRights, contents, at, Integer.MAX_VALUE);
    }
}
