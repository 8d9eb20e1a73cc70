package org.plenigo.core.access;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.access.internal.ItemBook;
import org.plenigo.core.catalog.internal.CatalogCache;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.internal.Fingerprint;
import org.plenigo.core.idempotency.internal.Idempotency;
import org.plenigo.core.idempotency.internal.IdempotentOperation;
import org.plenigo.core.idempotency.internal.ResultCodec;
import org.plenigo.core.idempotency.internal.ResultFields;
import org.plenigo.core.internal.Context;
import org.plenigo.core.Require;
import org.plenigo.core.internal.UnitOfWork;
import org.plenigo.core.store.Store;

/**
 * The administration of access right items through the API: grants of rights sold or given
 * elsewhere, revokes, blocks, and reading items. Every change is one unit of work that publishes
 * its {@link AccessEvent}.
 */
final class AccessItems {
    private static final String GRANT = "access.grant";

    private final Context context;
    private final Store store;
    private final CatalogCache catalog;
    private final Idempotency idempotency;
    private final IdempotentOperation<AccessRightItem> grantOperation;
    private final UnitOfWork unitOfWork;
    private final ItemBook items;

    AccessItems(Context context) {
        this.context = context;
        this.store = context.store();
        this.catalog = context.catalog();
        this.idempotency = context.idempotency();
        this.unitOfWork = context.unitOfWork();
        this.items = new ItemBook(context);
        this.grantOperation = IdempotentOperation.of(GRANT, ResultCodec.of(
                item -> ResultFields.create().with("item", item.id().value()),
                fields -> items.require(new AccessRightItemId(fields.text("item")))));
    }

    AccessRightItem grant(GrantAccess request) {
        Require.notNull(request, "request");
        String fingerprint = Fingerprint.of(request.customerId(), request.accessRightId(), request.source(),
                request.startsAt(), request.endsAt().orElse(null), request.reference());
        return unitOfWork.run(events -> idempotency.run(request.key(), grantOperation, fingerprint, item -> item, () -> {
            AccessFaults.requireCustomer(store, request.customerId());
            catalog.accessRight(request.accessRightId());
            AccessRightItem item = AccessRightItem.forRight(ItemBook.itemId(GRANT + "/" + request.key()),
                    request.customerId(), request.accessRightId(), request.source(), request.startsAt(),
                    request.endsAt(), Optional.of(request.reference()));
            items.insert(item, events);
            return item;
        }));
    }

    AccessRightItem revoke(AccessRightItemId id) {
        Require.notNull(id, "accessRightItemId");
        return unitOfWork.run(events -> {
            AccessRightItem item = items.require(id);
            Instant now = context.now();
            if (item.endsAt().isPresent() && !item.endsAt().get().isAfter(now)) {
                return item;
            }
            items.end(item, now, events);
            return items.require(id);
        });
    }

    AccessRightItem block(AccessRightItemId id) {
        return setBlocked(id, true);
    }

    AccessRightItem unblock(AccessRightItemId id) {
        return setBlocked(id, false);
    }

    private AccessRightItem setBlocked(AccessRightItemId id, boolean blocked) {
        Require.notNull(id, "accessRightItemId");
        return unitOfWork.run(events -> {
            AccessRightItem item = items.require(id);
            if (item.blocked() == blocked) {
                return item;
            }
            store.accessRightItems().setBlocked(id, blocked);
            events.accept(new AccessEvent.ItemBlockChanged(item.customerId(), id, blocked, context.now()));
            return items.require(id);
        });
    }

    Customer setCustomerBlocked(CustomerId id, boolean blocked) {
        Require.notNull(id, "customerId");
        return unitOfWork.run(events -> {
            Customer customer = store.customers().find(id).orElseThrow(() -> new NotFoundException("customer", id));
            if (customer.blocked() == blocked) {
                return customer;
            }
            store.customers().setBlocked(id, blocked);
            events.accept(new AccessEvent.CustomerBlockChanged(id, blocked, context.now()));
            return customer.withBlocked(blocked);
        });
    }

    Optional<AccessRightItem> findItem(AccessRightItemId id) {
        Require.notNull(id, "accessRightItemId");
        return store.transactions().inTransaction(() -> store.accessRightItems().find(id));
    }

    List<AccessRightItem> items(CustomerId customerId) {
        Require.notNull(customerId, "customerId");
        return store.transactions().inTransaction(() -> store.accessRightItems().findByCustomer(customerId));
    }
}
