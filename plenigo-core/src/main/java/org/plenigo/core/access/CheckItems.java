package org.plenigo.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.customer.Customer;

/**
 * What {@link AccessRightItemRepository#findForCheck} reads of one customer for an access check.
 *
 * @param standing whether the customer exists and is blocked
 * @param customer the customer's record, from a store that read it anyway (a database reads it in
 *                 the same statement), so that a check that needs it later (for a sponsor grant by
 *                 email domain) does not read it again; empty from a store that keeps the standing
 *                 apart from the record
 * @param items    the customer's items for the check that have not ended at its instant, blocked
 *                 items and items that start later included, by start, then id; none for an
 *                 unknown customer
 */
public record CheckItems(CustomerStanding standing, Optional<Customer> customer, List<Item> items) {
    /** The answer for an unknown customer. */
    public static final CheckItems UNKNOWN = new CheckItems(CustomerStanding.UNKNOWN, Optional.empty(), List.of());

    public CheckItems {
        Require.notNull(standing, "checkItems.standing");
        Require.notNull(customer, "checkItems.customer");
        items = List.copyOf(Require.notNull(items, "checkItems.items"));
        if (standing == CustomerStanding.UNKNOWN ? customer.isPresent() || !items.isEmpty()
                : customer.isPresent() && customer.get().blocked() != (standing == CustomerStanding.BLOCKED)) {
            throw new ValidationException("checkItems " + customer + " with " + items.size() + " items do not fit "
                    + standing);
        }
    }

    /**
     * An item as the check needs it: where it comes from, its lifetime from {@code startsAt} up to,
     * not including, {@code endsAt} (none: for ever) and whether it is blocked.
     */
    public record Item(AccessSource source, Instant startsAt, Optional<Instant> endsAt, boolean blocked) {
        public Item {
            Require.notNull(source, "checkItems.item.source");
            Require.notNull(startsAt, "checkItems.item.startsAt");
            Require.notNull(endsAt, "checkItems.item.endsAt");
        }

        public static Item of(AccessRightItem item) {
            return new Item(item.source(), item.startsAt(), item.endsAt(), item.blocked());
        }

        /** Whether its lifetime contains {@code at} (blocked or not). */
        public boolean activeAt(Instant at) {
            return !startsAt.isAfter(at) && (endsAt.isEmpty() || at.isBefore(endsAt.get()));
        }
    }
}
