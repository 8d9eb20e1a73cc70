package org.plenigo.core.customer;

import java.util.Optional;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.store.Store;

/** Registering and finding customers. Thread-safe. */
public final class CustomerService {
    private final Store store;

    public CustomerService(Store store) {
        this.store = store;
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
        return store.transactions().inTransaction(() -> {
            if (!store.customers().setBlocked(id, blocked)) {
                throw new NotFoundException("customer", id);
            }
            return store.customers().find(id).orElseThrow(() -> new NotFoundException("customer", id));
        });
    }

    public Optional<Customer> find(CustomerId id) {
        Require.notNull(id, "customerId");
        return store.transactions().inTransaction(() -> store.customers().find(id));
    }
}
