package org.plenigo.core.customer;

import java.util.Optional;

/** Storage port for {@link Customer}s. Ids are unique. */
public interface CustomerRepository {
    /** Stores {@code customer} unless its id exists; returns whether it was stored. */
    boolean insert(Customer customer);

    Optional<Customer> find(CustomerId id);

    /** Sets the customer's blocked flag; returns whether the customer exists. */
    boolean setBlocked(CustomerId id, boolean blocked);
}
