package org.plenigo.core.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.customer.CustomerId;

/** Storage port for {@link AccessRightItem}s. Ids are unique; items are never deleted, only ended. */
public interface AccessRightItemRepository {
    /** Stores {@code item} unless its id exists; returns whether it was stored. */
    boolean insert(AccessRightItem item);

    Optional<AccessRightItem> find(AccessRightItemId id);

    /**
     * Ends the item at {@code endsAt} if it has no end or a later one; returns whether it changed.
     * An {@code endsAt} before the item's start ends it at its start.
     */
    boolean end(AccessRightItemId id, Instant endsAt);

    /** Sets the blocked flag; returns whether the item exists. */
    boolean setBlocked(AccessRightItemId id, boolean blocked);

    /** All items of the customer, by start, then id. */
    List<AccessRightItem> findByCustomer(CustomerId customerId);

    /**
     * What an access check needs of one customer, read at once: whether it exists and is blocked,
     * and, unless it is unknown, those of its items for any of {@code accessRights} or
     * {@code contents} that have not ended at {@code at} (see {@link CheckItems}). Called outside a
     * unit of work by {@link org.plenigo.core.store.Transactions#read}, on every page view.
     */
    CheckItems findForCheck(CustomerId customerId, Collection<AccessRightId> accessRights,
                            Collection<ContentId> contents, Instant at);

    /**
     * The customers holding at least one item whose lifetime overlaps {@code [from, to)}, blocked
     * or not, each once, ordered by id.
     */
    List<CustomerId> findHolders(Instant from, Instant to);

    /**
     * Moves the end of an item that has one to {@code endsAt}, if that is later; returns whether it
     * changed. An item without an end, or ending later, is left as it is.
     */
    boolean extend(AccessRightItemId id, Instant endsAt);
}
