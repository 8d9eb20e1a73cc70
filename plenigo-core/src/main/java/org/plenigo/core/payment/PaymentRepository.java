package org.plenigo.core.payment;

import java.util.List;
import java.util.Optional;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;

/**
 * Storage port for {@link Payment}s. Ids, keys and provider references (where present) are unique.
 */
public interface PaymentRepository {
    /** Stores the payment unless its id, its key or its provider reference exists; returns whether it was stored. */
    boolean insert(Payment payment);

    Optional<Payment> find(ChargeId id);

    Optional<Payment> findByKey(IdempotencyKey key);

    Optional<Payment> findByProviderReference(String providerReference);

    /** The customer's payments, oldest first (by the charge's date, then id). */
    List<Payment> findByCustomer(CustomerId customerId);

    /**
     * Replaces the status, reason, refunded amount and update time of the payment with
     * {@code expected}'s id by {@code updated}'s, in one step and only if its stored status and
     * refunded amount are still {@code expected}'s; returns whether it did. Nothing else of a
     * payment ever changes.
     */
    boolean update(Payment expected, Payment updated);
}
