package org.plenigo.core.payment;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.customer.CustomerId;

/**
 * Storage port for customers' {@link PaymentMethod}s. Ids are unique, and a customer has at most
 * one default method: a store enforces both with constraints, so that concurrent units of work
 * never leave two defaults.
 */
public interface PaymentMethodRepository {
    /**
     * Stores {@code method} unless its id exists or it is a default and its customer has a default
     * already; returns whether it was stored. Its customer must exist.
     */
    boolean insert(PaymentMethod method);

    Optional<PaymentMethod> find(PaymentMethodId id);

    /** The customer's methods in the order they were added ({@link PaymentMethod#addedAt}, then id). */
    List<PaymentMethod> findByCustomer(CustomerId customerId);

    /**
     * Makes the method the customer's default and, in the same unit of work, clears the default
     * the customer had; returns whether the customer has a method of this id. Two units of work
     * switching one customer's default at once end with one default, that of the later.
     */
    boolean makeDefault(CustomerId customerId, PaymentMethodId id);
}
