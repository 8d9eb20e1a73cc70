package org.plenigo.core.access.internal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.plenigo.core.ConflictException;
import org.plenigo.core.internal.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.access.AccessEvent;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.access.AccessSource;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.idempotency.IdempotencyKey;

/**
 * Writing access right items inside the caller's unit of work, for every service that grants
 * them (subscriptions, purchases, unlocks, the API). Item ids are derived from what granted them,
 * so a retried grant finds its item instead of making a second one.
 */
public final class ItemBook {
    private final Context context;

    public ItemBook(Context context) {
        this.context = context;
    }

    /** A stable item id derived from what granted it. */
    public static AccessRightItemId itemId(String origin) {
        return new AccessRightItemId("acc-" + IdempotencyKey.uuidOf(origin));
    }

    /** The id of the item that {@code origin} (a subscription, a purchase) grants for {@code right}. */
    public static AccessRightItemId itemId(Object origin, AccessRightId right) {
        return itemId(origin + "/" + right);
    }

    /** Stores a new item and announces it with {@link AccessEvent.ItemGranted}. */
    public void insert(AccessRightItem item, Consumer<DomainEvent> events) {
        if (!context.store().accessRightItems().insert(item)) {
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, "access right item " + item.id()
                    + " was created concurrently");
        }
        events.accept(new AccessEvent.ItemGranted(item.customerId(), item, context.now()));
    }

    /**
     * Grants one item per right, from {@code startsAt} until {@code endsAt}, each with an id derived
     * from {@code origin} and the right; {@code origin} is kept as the items' reference.
     */
    public List<AccessRightItem> grantRights(CustomerId customerId, Collection<AccessRightId> rights,
                                             AccessSource source, Instant startsAt, Optional<Instant> endsAt,
                                             String origin, Consumer<DomainEvent> events) {
        List<AccessRightItem> items = new ArrayList<>();
        for (AccessRightId right : rights.stream().sorted((a, b) -> a.value().compareTo(b.value())).toList()) {
            AccessRightItem item = AccessRightItem.forRight(itemId(origin, right), customerId, right, source, startsAt,
                    endsAt, Optional.of(origin));
            insert(item, events);
            items.add(item);
        }
        return items;
    }

    /** Ends the item at {@code endsAt} unless it ends earlier already; announces it if it changed. */
    public void end(AccessRightItem item, Instant endsAt, Consumer<DomainEvent> events) {
        if (context.store().accessRightItems().end(item.id(), endsAt)) {
            Instant end = endsAt.isBefore(item.startsAt()) ? item.startsAt() : endsAt;
            events.accept(new AccessEvent.ItemEnded(item.customerId(), item.id(), end, context.now()));
        }
    }

    /** Extends the item to {@code endsAt} if it ends earlier; announces it if it changed. */
    public void extend(AccessRightItem item, Instant endsAt, Consumer<DomainEvent> events) {
        if (context.store().accessRightItems().extend(item.id(), endsAt)) {
            events.accept(new AccessEvent.ItemExtended(item.customerId(), item.id(), endsAt, context.now()));
        }
    }

    /** Blocks or unblocks the item and announces it. */
    public void setBlocked(AccessRightItem item, boolean blocked, Consumer<DomainEvent> events) {
        if (context.store().accessRightItems().setBlocked(item.id(), blocked)) {
            events.accept(new AccessEvent.ItemBlockChanged(item.customerId(), item.id(), blocked, context.now()));
        }
    }

    /** @throws NotFoundException if the item does not exist */
    public AccessRightItem require(AccessRightItemId id) {
        return context.store().accessRightItems().find(id)
                .orElseThrow(() -> new NotFoundException("access right item", id));
    }

    /** The items of the given ids, in that order. */
    public List<AccessRightItem> require(List<AccessRightItemId> ids) {
        List<AccessRightItem> items = new ArrayList<>(ids.size());
        for (AccessRightItemId id : ids) {
            items.add(require(id));
        }
        return items;
    }

}
