package org.plenigo.core.customer;

import java.util.Optional;
import org.plenigo.core.ConflictException;
import org.plenigo.core.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.access.AccessEvent;
import org.plenigo.core.store.Store;

/** Registering and finding customers. Thread-safe. */
public final class CustomerService {
    private final Context context;
    private final Store store;

    public CustomerService(Context context) {
        this.context = context;
        this.store = context.store();
    }

    /**
     * Registers a customer under the publisher's own id.
     *
     * @throws ConflictException with {@link ErrorCode#ALREADY_EXISTS} if the id is taken
     */
    public Customer register(Customer customer) {
        Require.notNull(customer, "customer");
        return store.transactions().inTransaction(() -> {
            if (!store.customers().insert(customer)) {
                throw new ConflictException(ErrorCode.ALREADY_EXISTS, "customer '" + customer.id() + "' already exists");
            }
            return customer;
        });
    }

    /**
     * Blocks the customer: every access check for content that requires an access right is denied
     * with CUSTOMER_BLOCKED until {@link #unblock}. Blocking a blocked customer changes nothing.
     * Publishes {@link AccessEvent.CustomerBlockChanged} when the flag changes.
     *
     * @return the customer as it is after the call
     * @throws NotFoundException if the customer does not exist
     */
    public Customer block(CustomerId id) {
        return setBlocked(id, true);
    }

    /**
     * Lifts a block; unblocking a customer who is not blocked changes nothing.
     *
     * @return the customer as it is after the call
     * @throws NotFoundException if the customer does not exist
     */
    public Customer unblock(CustomerId id) {
        return setBlocked(id, false);
    }

    private Customer setBlocked(CustomerId id, boolean blocked) {
        Require.notNull(id, "customerId");
        return context.unitOfWork().run(events -> {
            Customer customer = store.customers().find(id).orElseThrow(() -> new NotFoundException("customer", id));
            if (customer.blocked() == blocked) {
                return customer;
            }
            store.customers().setBlocked(id, blocked);
            events.accept(new AccessEvent.CustomerBlockChanged(id, blocked, context.now()));
            return customer.withBlocked(blocked);
        });
    }

    public Optional<Customer> find(CustomerId id) {
        Require.notNull(id, "customerId");
        return store.transactions().inTransaction(() -> store.customers().find(id));
    }
}
