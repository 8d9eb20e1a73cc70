package org.plenigo.core.customer;

import java.util.Optional;
import org.plenigo.core.ConflictException;
import org.plenigo.core.internal.Context;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Require;
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

    public Optional<Customer> find(CustomerId id) {
        Require.notNull(id, "customerId");
        return store.transactions().inTransaction(() -> store.customers().find(id));
    }
}
